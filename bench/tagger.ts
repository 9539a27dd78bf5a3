/**
 * Window-tagger training throughput, lexnet vs PyTorch, side by side in one run: the same
 * network (window 5, word dim 50, caps 5, prefix and suffix 10, word shape 5, hidden 300, the
 * CoNLL-2003 tags), the same windows, plain SGD, batch 32, sparse embedding gradients in PyTorch.
 * `--decoder crf` (the default) trains both with the sentence-level log-likelihood (whole
 * sentences packed into batches of at most 32 tokens, the forward algorithm in torch too);
 * `--decoder window` with softmax cross-entropy per token.
 * PyTorch is run with several torch/OpenBLAS thread settings and its best is reported. The two
 * sides alternate for several rounds and each round's ratio is reported with the median, because
 * a shared (virtual) machine's speed drifts by tens of percent within minutes.
 *
 *   npm run build && node dist/bench/tagger.js [--threads 2] [--tokens 100000] [--rounds 3] [--decoder crf|window]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConll } from '../src/text/conll.js';
import { trainTagger } from '../src/tagger/train.js';
import { TaggerModel } from '../src/tagger/model.js';
import { root, data, python, arg, workDir } from './common.js';

const threads = Number(arg('threads', '2'));
const limit = Number(arg('tokens', '100000'));
const rounds = Number(arg('rounds', '3'));
const decoder = arg('decoder', 'crf') as 'crf' | 'window';
if (decoder !== 'crf' && decoder !== 'window') throw new Error(`--decoder must be crf or window, got ${decoder}`);
const trainFile = join(data, 'conll2003/train.txt');
if (!existsSync(trainFile)) {
  console.error(`no CoNLL-2003 data at ${trainFile}; set LEXNET_DATA`);
  process.exit(1);
}
const train = readConll(trainFile);

// lexnet: one epoch over the whole training set; tokens/s of training only
const threadCounts = [...new Set([1, threads])];
let m: TaggerModel | null = null;
const lexnetRound = async (): Promise<Record<number, number>> => {
  const ours: Record<number, number> = {};
  for (const t of threadCounts) {
    const r = await trainTagger(train, null, { epochs: 1, threads: t, quiet: true, config: { decoder } });
    ours[t] = r.history[0]!.tokensPerSecond;
    m ??= r.model;
  }
  return ours;
};
const first = await lexnetRound();
const work = workDir('lexnet-tagger-bench-');
const CF = m!.config.window * m!.F;
const tokens = train.reduce((s, x) => s + x.words.length, 0);
const windows = new Int32Array(tokens * CF), labels = new Int32Array(tokens), starts = new Int32Array(train.length + 1);
let k = 0;
train.forEach((s, i) => {
  starts[i] = k;
  const e = m!.encode(s.words);
  for (let t = 0; t < e.length; t++, k++) { m!.window(e, t, windows, k * CF); labels[k] = m!.label(s.tags[t]!); }
});
starts[train.length] = k;
writeFileSync(join(work, 'windows.bin'), Buffer.concat([Buffer.from(windows.buffer), Buffer.from(labels.buffer), Buffer.from(starts.buffer)]));
writeFileSync(join(work, 'meta.json'), JSON.stringify({
  tokens, window: m!.config.window, features: m!.F, decoder, vocab: m!.tables.map((t) => t.lexiconSize), dims: m!.tables.map((t) => t.dim),
  hidden: m!.config.hidden, tags: m!.T, batch: 32, limit: Math.min(limit, tokens),
}));

const haveTorch = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
type Theirs = Record<number, { tps: number; config: string }>;
const torchRound = (): Theirs => {
  const theirs: Theirs = {};
  // PyTorch's intra-op threads and OpenBLAS's threads interact; try the sensible settings and keep the best
  for (const t of threadCounts) {
    const configs = t === 1 ? [[1, 1]] : [[t, t], [t, 1], [1, t]];
    for (const [torchThreads, blas] of configs) {
      const out = execFileSync(python, [join(root, 'bench/torch_tagger.py'), join(work, 'windows.bin'), join(work, 'meta.json'), String(torchThreads)], {
        encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: String(blas), OMP_NUM_THREADS: String(torchThreads) },
      });
      const tps = JSON.parse(out.trim().split('\n').at(-1)!).tokens_per_second as number;
      if (!theirs[t] || tps > theirs[t]!.tps) theirs[t] = { tps, config: `torch ${torchThreads}, OpenBLAS ${blas}` };
    }
  }
  return theirs;
};
if (!haveTorch) console.log('PyTorch not found in /usr/bin/python3 (apt-get install python3-torch): lexnet column only');
console.log(`window tagger training, CoNLL-2003 train (${tokens.toLocaleString('en-US')} tokens), window 5, dims ${m!.tables.map((t) => t.dim).join('+')}, hidden 300, ${m!.T} tags, ${decoder} decoder, SGD, batch 32`);
console.log('round  threads   lexnet tokens/s   PyTorch tokens/s (best setting)          lexnet / PyTorch');
const sameThreads: number[] = [], anySetting: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const ours = round === 1 ? first : await lexnetRound();
  const theirs = haveTorch ? torchRound() : {};
  for (const t of threadCounts) {
    const p = theirs[t];
    console.log(`${String(round).padEnd(6)} ${String(t).padEnd(9)} ${Math.round(ours[t]!).toLocaleString('en-US').padEnd(17)} ${(p ? `${Math.round(p.tps).toLocaleString('en-US')} (${p.config})` : '-').padEnd(40)} ${p ? `${(ours[t]! / p.tps).toFixed(2)}×` : '-'}`);
  }
  const bestTorch = Math.max(...Object.values(theirs).map((p) => p.tps));
  if (Number.isFinite(bestTorch)) {
    sameThreads.push(ours[threads]! / theirs[threads]!.tps);
    anySetting.push(ours[threads]! / bestTorch);
  }
}
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
if (sameThreads.length) {
  console.log(`lexnet with ${threads} threads vs PyTorch with ${threads} threads, median of ${rounds} rounds: ${median(sameThreads).toFixed(2)}× (rounds: ${sameThreads.map((r) => r.toFixed(2)).join(', ')})`);
  console.log(`lexnet with ${threads} threads vs PyTorch's best of any setting, median: ${median(anySetting).toFixed(2)}× (rounds: ${anySetting.map((r) => r.toFixed(2)).join(', ')})`);
}
