/**
 * How long the long calls keep the event loop from running: each runs with a 5 ms
 * `setInterval` probe beside it, and the table gives the call's total time and the longest gap
 * between two probe ticks (the longest pause a timer, a signal or an HTTP server would see).
 * Figures, not assertions: on a busy machine every gap grows.
 *
 *   node dist/bench/event-loop.js [--lib PATH/TO/dist/src/index.js] [--vectors-mb 250] [--only NAME,…]
 *
 * `--lib` measures another build (another checkout's dist) with the same driver. Data: SST-2 and
 * CoNLL-2003 from LEXNET_DATA (or ../shared/data beside the repository or its worktree folder);
 * without them, generated sets of the same size.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Lexnet from '../src/index.js';
import { arg, data, root } from './common.js';

const lib = (await import(pathToFileURL(resolve(arg('lib', join(root, 'dist/src/index.js')))).href)) as typeof Lexnet;
const only = arg('only', '').split(',').filter(Boolean);
const vectorsMb = Number(arg('vectors-mb', '250'));
const dataDir = [data, join(root, '../../shared/data')].find((d) => existsSync(join(d, 'sst2/train.tsv')));
const scratch = mkdtempSync(join(tmpdir(), 'lexnet-event-loop-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

interface Row { call: string; seconds: number; longestMs: number; ticks: number }
const rows: Row[] = [];

/** Runs `work` with a 5 ms interval beside it; records the total time and the longest gap between ticks. */
async function probe(call: string, work: () => Promise<unknown>): Promise<void> {
  if (only.length && !only.some((o) => call.startsWith(o))) return;
  let last = performance.now(), longest = 0, ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  const start = performance.now();
  try {
    await work();
  } finally {
    const end = performance.now();
    longest = Math.max(longest, end - last); // a pause that lasted to the end
    clearInterval(timer);
    rows.push({ call, seconds: (end - start) / 1000, longestMs: longest, ticks });
    console.error(`${call}: ${((end - start) / 1000).toFixed(1)} s, longest pause ${longest.toFixed(0)} ms`);
  }
}

/** Random labelled texts shaped like SST-2 (67k short phrases) when the data set is not here. */
function generatedLabelled(n: number, seed: number): { text: string; label: string }[] {
  const rng = new lib.Random(seed);
  return Array.from({ length: n }, () => {
    const len = 2 + Math.floor(rng.next() * 18);
    const words = Array.from({ length: len }, () => `w${Math.floor(rng.next() ** 2 * 15000)}`);
    return { text: words.join(' '), label: rng.next() < 0.5 ? '0' : '1' };
  });
}

/** Random tagged sentences shaped like CoNLL-2003 (14k sentences of ~14 tokens) when the data set is not here. */
function generatedTagged(n: number, seed: number): Lexnet.TaggedSentence[] {
  const rng = new lib.Random(seed);
  const tags = ['O', 'B-PER', 'I-PER', 'B-LOC', 'B-ORG'];
  return Array.from({ length: n }, () => {
    const len = 3 + Math.floor(rng.next() * 22);
    const words = Array.from({ length: len }, () => `W${Math.floor(rng.next() ** 2 * 20000)}`);
    return { words, tags: words.map(() => tags[Math.floor(rng.next() ** 3 * tags.length)]!), lines: words.map((_, i) => i + 1) };
  });
}

const sst2 = dataDir
  ? { train: lib.readLabelled(join(dataDir, 'sst2/train.tsv')), dev: lib.readLabelled(join(dataDir, 'sst2/dev.tsv')) }
  : { train: generatedLabelled(67_000, 1), dev: generatedLabelled(900, 2) };
const conll = dataDir && existsSync(join(dataDir, 'conll2003/train.txt'))
  ? { train: lib.readConll(join(dataDir, 'conll2003/train.txt')), dev: lib.readConll(join(dataDir, 'conll2003/dev.txt')) }
  : { train: generatedTagged(14_000, 3), dev: generatedTagged(3_250, 4) };
console.error(`data: ${dataDir ?? 'generated'}; library: ${arg('lib', 'this build')}`);

let brownVectors: Lexnet.WordVectors | undefined;
await probe('trainWord2vec (Brown, 1 epoch)', async () => {
  brownVectors = (await lib.trainWord2vec(lib.brownCorpus(), { epochs: 1, dim: 100 })).vectors;
});
let classifier: Lexnet.Classifier | undefined;
await probe('trainClassifier (SST-2, fasttext, 3 epochs)', async () => { classifier = await lib.trainClassifier(sst2.train, sst2.dev, { epochs: 3 }); });
if (classifier || only.some((o) => o.startsWith('loadClassifier'))) {
  classifier ??= await lib.trainClassifier(sst2.train, null, { epochs: 1 });
  const file = join(scratch, 'sst2.model');
  await classifier.save(file);
  await probe(`loadClassifier (SST-2 fasttext, ${(statSync(file).size / 1e6).toFixed(1)} MB)`, () => lib.loadClassifier(file));
}
if (brownVectors) {
  const vectors = brownVectors;
  await probe('trainClassifier (SST-2, mlp, 3 epochs)', () => lib.trainClassifier(sst2.train, sst2.dev, { model: 'mlp', vectors, epochs: 3 }));
}
await probe('sweepL2 (SST-2, fasttext, 1 epoch, 2 λ)', () => lib.sweepL2(sst2.train, sst2.dev, { epochs: 1 }, [0, 1e-4]));
let tagger: Lexnet.Tagger | undefined;
await probe('trainTagger (CoNLL, 1 thread, 2 epochs)', async () => { tagger = await lib.trainTagger(conll.train, conll.dev, { epochs: 2, threads: 1 }); });
if (tagger || only.some((o) => o.startsWith('loadTagger'))) {
  tagger ??= await lib.trainTagger(conll.train, null, { epochs: 1, threads: 1 });
  const file = join(scratch, 'conll.model');
  await tagger.save(file);
  await probe(`loadTagger (CoNLL, ${(statSync(file).size / 1e6).toFixed(1)} MB)`, () => lib.loadTagger(file));
}
await probe('trainTagger (CoNLL, 2 threads, 2 epochs)', () => lib.trainTagger(conll.train, conll.dev, { epochs: 2, threads: 2 }));
if (dataDir && existsSync(join(dataDir, 'tabular/digits.csv.gz'))) {
  const train = join(dataDir, 'tabular/digits.csv.gz');
  await probe('fitTabular (digits, mlp)', () => lib.fitTabular({ train, labelColumn: -1 }));
  await probe('fitTabular (digits, softmax, lbfgs)', () => lib.fitTabular({ train, labelColumn: -1, model: 'softmax' }));
}
{
  const rng = new lib.Random(5);
  const x = lib.Matrix.fromArray(Array.from({ length: 20_000 }, () => Array.from({ length: 50 }, () => rng.next() - 0.5)));
  const y = Array.from({ length: 20_000 }, (_, i) => (x.data[i * 50]! + x.data[i * 50 + 1]! > 0 ? 1 : 0));
  const net = lib.buildNetwork({ kind: 'mlp', inputs: 50, outputs: 2, hidden: [100], activation: 'relu', loss: 'cross-entropy' }, new lib.Random(1));
  await probe('fit (20,000 × 50, mlp 100, 5 epochs)', () => lib.fit(net, x, y, { epochs: 5, optimizer: 'adam', learningRate: 1e-3 }));
}
if (!only.length || only.some((o) => 'loadVectors'.startsWith(o) || o.startsWith('loadVectors'))) {
  // a text vector file of about `vectorsMb` MB: rows of 300 values
  const dim = 300, count = Math.round((vectorsMb * 1e6) / (dim * 10));
  const rng = new lib.Random(6);
  const values = new Float32Array(count * dim);
  for (let i = 0; i < values.length; i++) values[i] = Math.round((rng.next() - 0.5) * 2e6) / 1e6;
  const file = join(scratch, 'vectors.txt');
  lib.writeVectors(file, new lib.WordVectors(Array.from({ length: count }, (_, i) => `word${i}`), dim, values));
  const mb = statSync(file).size / 1e6;
  await probe(`loadVectors (${mb.toFixed(0)} MB text)`, () => lib.loadVectors(file));
  const bin = join(scratch, 'vectors.bin');
  lib.writeVectors(bin, new lib.WordVectors(Array.from({ length: count }, (_, i) => `word${i}`), dim, values));
  await probe(`loadVectors (${(statSync(bin).size / 1e6).toFixed(0)} MB binary)`, () => lib.loadVectors(bin));
}

const width = Math.max(...rows.map((r) => r.call.length), 4);
console.log(`${'call'.padEnd(width)}  total s  longest pause ms  ticks`);
for (const r of rows) console.log(`${r.call.padEnd(width)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.longestMs.toFixed(0).padStart(16)}  ${String(r.ticks).padStart(5)}`);
