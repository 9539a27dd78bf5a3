// A word2vec model larger than one WebAssembly memory: the vocabulary split into S blocks of rows
// (word w in block w % S: the ids are sorted by frequency, so every block gets an even share of
// frequent and rare words), memory k holding input block k and, in sub-step g, output block
// (k + shardOffset(S, g)) mod S. In each sub-step the threads of memory k train the windows'
// contexts of input block k against the output block b it holds: the centre word when it is in b,
// and on average negative × π_b negatives drawn from b's unigram table (π_b: b's share of the
// unigram^0.75 mass), so that over the S sub-steps each window gets `negative` negatives from the
// whole distribution, as with one memory. A window's draws, its words' subsampling and its shrink
// are keyed by its place in the run, so every sub-step trains the same sentence and windows: the
// S block pairs split one memory's windows. (Drawing the window's `negative` from the whole table
// and training those of the block, exactly one memory's targets, changed nothing on Brown: MEN
// 0.232 ± 0.002 with 2 shards, 3 seeds.) Then the output blocks move one memory down. Block-wise
// SGD as in DSGD (Gemulla et al. 2011) and PyTorch-BigGraph: the blocks a sub-step trains share
// no rows, so the memories never race. What it costs (session 10, README "Past 4 GiB"): one
// memory trains a window as one batched step (every context against the centre and the same
// negatives, all scores from the old rows), S blocks cut it into up to S² block pairs trained one
// after another; one memory with its windows cut the same way loses as much on MEN and
// SemEval-17, and the round size, the negatives' rounding and the rate do not matter.
import { Random } from '../core/random.js';
import { LexnetError } from '../io/errors.js';
import { WordVectors } from '../io/word-vectors.js';
import { createMemory } from '../kernels/memory.js';
import { instantiateKernels } from '../kernels/kernels.js';
import type { WasmMemory, WasmModule } from '../kernels/wasm-types.js';
import { abortReason, throwIfAborted, Throttle, Ticker, whenAborted, yieldToEventLoop } from '../train/abort.js';
import { DivergenceError, lossExploded, MAX_VECTOR_NORM } from '../train/divergence.js';
import type { DataFingerprint, ThreadPosition, Word2vecCheckpoint } from './checkpoint.js';
import type { Word2vecSample } from './history.js';
import { word2vecScratchBytes } from './layout.js';
import { defaultWord2vecOptions, type Word2vecOptions } from './options.js';
import { createControl, PauseControl, threadBuffer } from './pause.js';
import { allFinite, maxRowNorm, runLoss, type RunningThread, type SessionIds, type SessionOptions, type ThreadHost, type Word2vecResult } from './session.js';
import { blockRows, blocksBuffer, outputRange, planShardLayout } from './shard-layout.js';
import { shardOffset, shardRounds, shardSlots } from './shard-schedule.js';
import { keepProbabilities } from './subsampling.js';
import { fillUnigramTable } from './unigram-table.js';
import type { Vocabulary } from './vocabulary.js';

/** Rows copied per step when the output blocks rotate (a small temporary, whatever the model's size). */
const ROTATE_WORDS = 1 << 20;

/** One memory of the model and the figures of its thread slots. */
interface Shard {
  memory: WasmMemory;
  /** Per slot [loss sum, loss terms, epoch the loss stopped being finite] of the running job (Float64). */
  stats: Float64Array;
  statsBuffer: ArrayBufferLike;
  positions: ArrayBufferLike;
}

/** What sharding supports, checked before any work: skip-gram with negative sampling, no subwords. */
export function checkShardable(o: Word2vecOptions): void {
  const S = o.shards ?? 1;
  if (S <= 1) return;
  const other = o.model !== 'skipgram' ? `\`model\` "${o.model}"` : o.loss !== 'negative' ? `\`loss\` "${o.loss}"` : o.subwords ? '`subwords`' : null;
  if (other) {
    throw new LexnetError(
      `\`shards\` ${S}: sharding trains skip-gram with negative sampling only, not ${other}; leave out \`shards\` (or use \`model\` skipgram, \`loss\` negative, no \`subwords\`)`,
      { option: 'shards', mentions: ['model', 'loss', 'subwords'] },
    );
  }
  if (o.dataOrder !== 'contiguous') {
    throw new LexnetError(
      `\`shards\` ${S}: a sharded run follows its own schedule of the corpus (each thread its part of every round), not \`dataOrder\` "${o.dataOrder}"; leave out \`shards\` or \`dataOrder\``,
      { option: 'shards', mentions: ['dataOrder'] },
    );
  }
}

/**
 * Trains an encoded corpus over `o.shards` memories (see the top of this file): ⌊threads / S⌋
 * worker threads per memory, at least one (with fewer threads than shards, S workers share the
 * cores), each reading its part of every round once per sub-step (shard-schedule.ts). With one
 * thread per memory the run is reproducible from its seed. Checkpoints are taken at round
 * boundaries (every worker parked, each memory holding its own output block again), at the end
 * of each epoch and at least every `everySeconds`; `from` resumes at the round a checkpoint holds.
 */
export async function trainSharded(
  vocab: Vocabulary, encoded: SessionIds, data: DataFingerprint, o: Word2vecOptions, module: WasmModule, host: ThreadHost, session: SessionOptions,
): Promise<Word2vecResult> {
  const { signal, event, checkpoints, from } = session;
  checkShardable(o);
  if (encoded.words === 0) throw new LexnetError(`${data.corpus}: no words to train on (the encoded corpus is empty)`);
  const V = vocab.size, d = o.dim, S = o.shards ?? 1, E = o.epochs;
  if (S > V) throw new LexnetError(`\`shards\` ${S}: more shards than the ${V} words of the vocabulary; use at most ${V}`, { option: 'shards' });
  const slots = shardSlots(o.threads, S);
  const rounds = shardRounds(encoded.ids, V, d, slots), steps = E * rounds * S;
  const firstStep = from ? resumedStep(from, S, steps) : 0;
  const scratchBytes = word2vecScratchBytes(d, o.negative, blockRows(V, S, 0), o.window);
  const layout = planShardLayout(d, V, S, slots, scratchBytes);
  const shards: Shard[] = [];
  for (let k = 0; k < S; k++) {
    const statsBuffer = threadBuffer(8 * 3 * slots, host.shared);
    shards.push({ memory: createMemory(layout.bytes, host.shared), statsBuffer, stats: new Float64Array(statsBuffer), positions: threadBuffer(8 * 3 * slots, host.shared) });
    await yieldToEventLoop(signal);
  }
  const view = (k: number, at: number, n: number): Float32Array => new Float32Array(shards[k]!.memory.buffer, at, n);
  const rows = (b: number): number => blockRows(V, S, b);

  // input vectors U(−0.5, 0.5)/dim drawn in the vocabulary's order, as one memory would (the same
  // starting vectors for any number of shards); output vectors start at zero. Resumed: the
  // checkpoint's rows, memory k holding output block (k + shardOffset(S, step)) mod S
  const rng = new Random(o.seed);
  const ticker = new Ticker(signal);
  const inputs = Array.from({ length: S }, (_, k) => view(k, layout.syn0, rows(k) * d));
  const outputs = Array.from({ length: S }, (_, k) => view(k, layout.syn1, rows(0) * d));
  const firstOffset = shardOffset(S, firstStep);
  for (let w = 0; w < V; w++) {
    const row = inputs[w % S]!, at = Math.floor(w / S) * d;
    if (from) {
      row.set(from.syn0.subarray(w * d, (w + 1) * d), at);
      outputs[(w % S - firstOffset + S) % S]!.set(from.syn1.subarray(w * d, (w + 1) * d), at);
    } else for (let j = 0; j < d; j++) row[at + j] = (rng.next() - 0.5) / d;
    if ((w & 0xfff) === 0xfff) await ticker.turnIfDue();
  }
  const keep = new Float32Array(V);
  keepProbabilities(vocab.counts, vocab.totalCount, o.sample, keep);
  const blockCounts = (b: number): number[] => Array.from({ length: rows(b) }, (_, i) => vocab.counts[i * S + b]!);
  // each block's share of the unigram^0.75 mass the negatives are drawn from
  const mass = new Float64Array(S);
  for (let w = 0; w < V; w++) mass[w % S] += vocab.counts[w]! ** 0.75;
  const totalMass = mass.reduce((a, b) => a + b, 0);
  for (let k = 0; k < S; k++) {
    view(k, layout.keepProb, V).set(keep);
    for (let b = 0; b < S; b++) fillUnigramTable(blockCounts(b), new Int32Array(shards[k]!.memory.buffer, layout.negTable + b * layout.negTableSize * 4, layout.negTableSize));
    instantiateKernels(module, shards[k]!.memory).initSigmoidTables(layout.sigTable, layout.logSigTable);
    await yieldToEventLoop(signal);
  }

  const progress = threadBuffer(8, host.shared);
  const counter = new BigInt64Array(progress);
  const totalIds = E * S * S * encoded.ids; // each memory reads the corpus once per sub-epoch
  if (from) {
    Atomics.store(counter, 0, BigInt(from.done) * BigInt(S * S));
    from.threads.forEach((p, i) => { shards[Math.floor(i / slots)]!.stats[(i % slots) * 3] = p.lossSum; shards[Math.floor(i / slots)]!.stats[(i % slots) * 3 + 1] = p.lossTerms; });
  }
  const startDone = (from?.done ?? 0) * S * S;
  const lossTotals = (): { sum: number; terms: number } => {
    let sum = 0, terms = 0;
    for (const s of shards) for (let j = 0; j < slots; j++) { sum += s.stats[j * 3]!; terms += s.stats[j * 3 + 1]!; }
    return { sum, terms };
  };
  const defaultRate = defaultWord2vecOptions(o.model, o.subwords).alpha;
  const startLoss = (1 + o.negative) * Math.LN2;
  const epochNow = (): number => Math.max(1, Math.min(E, Math.ceil(Number(Atomics.load(counter, 0)) / (S * S * encoded.ids))));
  const diverged = (value: number, norm?: number): DivergenceError =>
    new DivergenceError({ epoch: epochNow(), loss: value, rate: o.alpha, defaultRate, ...(norm === undefined ? {} : { norm }), ...(Number.isFinite(value) ? { start: startLoss } : {}) });
  const history: Word2vecSample[] = [];
  let last = { sum: 0, terms: 0, value: NaN };
  const throttle = new Throttle(100);
  const start = performance.now();
  const sample = (force = false): void => {
    const { sum, terms } = lossTotals();
    const done = Number(Atomics.load(counter, 0));
    if (terms > last.terms) {
      last = { sum, terms, value: (sum - last.sum) / (terms - last.terms) };
      if (Number.isFinite(last.value)) history.push({ epoch: (done / totalIds) * E, loss: last.value, alpha: o.alpha * Math.max(1 - done / totalIds, 1e-4) });
    }
    if (!Number.isFinite(sum)) throw diverged(Number.isFinite(last.value) ? sum : last.value);
    if (Number.isFinite(last.value) && lossExploded(last.value, startLoss)) throw diverged(last.value);
    if (!throttle.ready(force)) return;
    const seconds = (performance.now() - start) / 1000;
    event({
      stage: 'training', epoch: epochNow(), fraction: Math.min(1, done / totalIds), loss: Number.isFinite(last.value) ? last.value : null,
      wordsPerSecond: (((done - startDone) / (S * S * encoded.ids)) * encoded.words) / Math.max(seconds, 1e-9),
      learningRate: o.alpha * Math.max(1 - done / totalIds, 1e-4), threads: S * slots,
    });
  };

  const aborted = whenAborted(signal);
  aborted.catch(() => {}); // raced below
  // one worker per memory and slot for the whole run; at the end of each sub-step they all park
  // at the barrier, the output blocks rotate, and they go on (shard-schedule.ts)
  const workers = S * slots;
  const controlBuffer = createControl(host.shared);
  const holdBuffer = threadBuffer(4, host.shared);
  const hold = new Int32Array(holdBuffer);
  hold[0] = -1;
  const control = new PauseControl(controlBuffer, workers);
  const running: RunningThread[] = [];
  throwIfAborted(signal);
  for (let k = 0; k < S; k++) {
    for (let j = 0; j < slots; j++) {
      const seed = BigInt.asIntN(64, BigInt(o.seed) * 1000003n + BigInt(k * slots + j) + 1n);
      const p = from?.threads[k * slots + j];
      running.push(host.start({
        module, memory: shards[k]!.memory, layout, options: o, thread: j, ids: encoded.store, start: 0, end: encoded.ids, fileIds: encoded.ids,
        progress, stats: shards[k]!.statsBuffer, control: controlBuffer, positions: shards[k]!.positions, pauseAtEpochEnds: false,
        from: p ? { epoch: p.epoch, pos: 0, rng: BigInt.asIntN(64, p.rng), lossSum: p.lossSum, lossTerms: p.lossTerms } : { epoch: 0, pos: 0, rng: seed, lossSum: 0, lossTerms: 0 },
        shard: { count: S, inBlock: k, negatives: Array.from(mass, (m) => (o.negative * m) / totalMass), blocks: blocksBuffer(layout, j, scratchBytes), rounds, slot: j, slots, parts: o.threads, step: firstStep, hold: holdBuffer },
      }));
    }
  }
  let ended = false;
  const all = Promise.all(running.map((r) => r.done)).finally(() => { ended = true; });
  all.catch(() => {}); // awaited below
  const memories = shards.map((s) => s.memory);
  /** The model in the vocabulary's order, the workers' positions at sub-step `next` (a round's start, or the run's end), written by the checkpoint writer. */
  const save = checkpoints && (async (next: number): Promise<void> => {
    const offset = shardOffset(S, Math.min(next, steps - 1)); // memory k holds output block (k + offset) mod S
    const finished = next >= steps;
    const syn0 = new Float32Array(V * d), syn1 = new Float32Array(V * d);
    for (let k = 0; k < S; k++) {
      const input = view(k, layout.syn0, rows(k) * d), b = (k + offset) % S, output = view(k, layout.syn1, rows(b) * d);
      for (let i = 0; i * S + k < V; i++) syn0.set(input.subarray(i * d, (i + 1) * d), (i * S + k) * d);
      for (let i = 0; i * S + b < V; i++) syn1.set(output.subarray(i * d, (i + 1) * d), (i * S + b) * d);
      await ticker.turnIfDue();
    }
    if (!allFinite(syn0) || !allFinite(syn1)) throw diverged(NaN);
    const epoch = finished ? E : Math.floor(next / (rounds * S));
    const threads = Array.from({ length: workers }, (_, i): ThreadPosition => {
      const s = shards[Math.floor(i / slots)]!, j = i % slots, at = new BigInt64Array(s.positions);
      return { epoch, pos: 0, rng: BigInt.asUintN(64, at[j * 3 + 2]!), lossSum: s.stats[j * 3]!, lossTerms: s.stats[j * 3 + 1]! };
    });
    const done = Number(Atomics.load(counter, 0)) / (S * S);
    checkpoints.write({ done, total: E * encoded.ids, threads, seconds: (from?.seconds ?? 0) + (performance.now() - start) / 1000, syn0, syn1, step: next }, finished);
  });
  const every = (checkpoints?.everySeconds ?? 60) * 1000;
  let lastSave = performance.now();
  const times = { barriers: 0, waitSeconds: 0, rotateSeconds: 0 };
  let firstParked = 0;
  try {
    while (!ended) {
      const seen = control.parked;
      if (!control.still || seen === 0) await Promise.race([all.catch(() => {}), control.parkedChange(seen, 100), aborted]);
      if (signal?.aborted) throw abortReason(signal);
      if (ended) break;
      sample();
      if (control.parked > 0 && firstParked === 0) firstParked = performance.now();
      if (control.still && control.parked > 0) {
        const still = performance.now();
        times.barriers++;
        times.waitSeconds += (still - firstParked) / 1000;
        firstParked = 0;
        // the sub-step the workers go on with: within a round, after a rotation; a round's start, held for a checkpoint
        const next = Number(new BigInt64Array(shards[0]!.positions)[1]);
        if (next % S !== 0) await rotateOutputs(memories, layout, signal);
        if (save && next % S === 0) {
          await save(next);
          lastSave = performance.now();
        } else if (save) {
          // hold the next round's start when it is an epoch's start, or a checkpoint is due
          const start = Math.ceil(next / S) * S;
          if (start < steps && (start % (rounds * S) === 0 || performance.now() - lastSave >= every)) Atomics.store(hold, 0, start);
        }
        times.rotateSeconds += (performance.now() - still) / 1000;
        control.release();
      }
    }
    await all;
  } catch (e) {
    control.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    throw e;
  }
  sample(true);
  const seconds = (performance.now() - start) / 1000;
  const finalLoss = runLoss(lossTotals(), last.value, data.corpus, o.sample);
  if (!Number.isFinite(finalLoss)) throw diverged(finalLoss);
  if (lossExploded(finalLoss, startLoss)) throw diverged(finalLoss);
  await save?.(steps);
  // the input rows back in the vocabulary's order (one array: Node's typed arrays pass 4 GiB)
  const vectors = new Float32Array(V * d);
  for (let k = 0; k < S; k++) {
    const block = view(k, layout.syn0, rows(k) * d);
    if (!allFinite(block)) throw diverged(NaN);
    const norm = maxRowNorm(block, d);
    if (norm > MAX_VECTOR_NORM) throw diverged(finalLoss, norm);
    for (let i = 0, w = k; w < V; i++, w += S) {
      vectors.set(block.subarray(i * d, (i + 1) * d), w * d);
      if ((i & 0xfff) === 0xfff) await ticker.turnIfDue();
    }
  }
  return {
    vectors: new WordVectors(vocab.words, d, vectors), vocab, tokens: data.tokens, trainWords: encoded.words, seconds,
    wordsPerSecond: ((totalIds - startDone) / (S * S * encoded.ids)) * encoded.words / seconds, finalLoss, history, threads: S * slots, shardTimes: times,
  };
}

/** The sub-step a checkpoint resumes at: a round's start within the run, else a damaged checkpoint. */
function resumedStep(from: Word2vecCheckpoint, S: number, steps: number): number {
  const step = from.shardStep;
  if (step === undefined || !Number.isSafeInteger(step) || step < 0 || step > steps || step % S !== 0) {
    throw new LexnetError(`${from.file ?? 'the checkpoint'}: damaged checkpoint: a sharded run resumes at the start of a round of its ${steps} sub-steps (a multiple of ${S}), not at ${step}`);
  }
  return step;
}

/**
 * Moves every output block (syn1 and its unigram table) one memory down: memory k takes memory
 * k + 1's, the last takes the first's, a slice at a time through a small temporary.
 */
export async function rotateOutputs(memories: readonly WasmMemory[], layout: Parameters<typeof outputRange>[0], signal?: AbortSignal): Promise<void> {
  const S = memories.length;
  if (S < 2) return;
  const { at, bytes } = outputRange(layout);
  const words = bytes / 4;
  const ranges = memories.map((m) => new Uint32Array(m.buffer, at, words));
  const tmp = new Uint32Array(Math.min(ROTATE_WORDS, words));
  const ticker = new Ticker(signal);
  for (let off = 0; off < words; off += tmp.length) {
    const end = Math.min(words, off + tmp.length);
    tmp.set(ranges[0]!.subarray(off, end));
    for (let k = 0; k + 1 < S; k++) ranges[k]!.set(ranges[k + 1]!.subarray(off, end), off);
    ranges[S - 1]!.set(tmp.subarray(0, end - off), off);
    await ticker.turnIfDue();
  }
}
