import type { WasmMemory, WasmModule } from './wasm-types.js';

/** The WebAssembly kernels' exports (assembly/index.ts). Pointers are byte offsets. */
export interface Kernels {
  /** Fills the σ and log σ lookup tables at the given addresses. */
  initSigmoidTables(sigPtr: number, logSigPtr: number): void;
  /** Uses tables that another instance already filled (shared memory). */
  useSigmoidTables(sigPtr: number, logSigPtr: number): void;
  /** σ(x) from the lookup table, for tests. */
  sigmoidAt(x: number): number;
  /** The kernels' SIMD tanh on one value, for tests. */
  tanhAt(x: number): number;
  /** Sets this instance's model pointers and hyperparameters. */
  configure(
    dim: number, vocabSize: number, syn0: number, syn1: number, negTable: number, negTableSize: number, keepProb: number,
    codes: number, points: number, codeLens: number, scratch: number, window: number, negative: number,
    cbow: number, lossKind: number, subsample: number,
  ): void;
  /** Bytes of per-thread scratch that `configure` lays out before the sentence buffer. */
  scratchBytes(dim: number, negative: number, vocabSize: number, window: number): number;
  /** 1: skip-gram with negative sampling shares one draw of negatives across a window; 0: one per pair. */
  setBatchNegatives(on: number): void;
  /** Subword skip-gram: neighbouring contexts of a window that share one draw of negatives (1: each its own, as fastText). */
  setNegativeShare(share: number): void;
  /** 1: gensim's rule (no update for a pair whose score |uᵀv| is 6 or more); 0: word2vec.c's. */
  setSkipSaturated(on: number): void;
  /** Skip-gram with batched negatives: each negative's gradient times this weight (1: unweighted). */
  setNegativeWeight(weight: number): void;
  /** Measure the batched path's loss on one window in `stride` (1: every window). */
  setLossStride(stride: number): void;
  /** Seeds this instance's random generator. */
  seed(s: bigint): void;
  /** The LCG state (as a signed 64-bit BigInt); `seed(rngState())` continues the sequence. */
  rngState(): bigint;
  /** Restores the loss sums of a checkpoint. */
  setLoss(sum: number, count: number): void;
  /** Sum of the loss terms since the last reset. */
  lossTotal(): number;
  /** Number of loss terms summed since the last reset. */
  lossTerms(): number;
  /** Sets both loss sums to zero. */
  resetLoss(): void;
  /** Address of the input-vector gradient buffer (neu1e). */
  inputGradientPtr(): number;
  /** Address of the context-ids buffer of trainWindowBatched. */
  contextsPtr(): number;
  /** Address of the target-ids buffer (a word, then its negatives). */
  targetsPtr(): number;
  /** One negative-sampling update of the output vectors; adds the input gradient to neu1e. */
  negativeStep(inPtr: number, targetsPtr: number, count: number, alpha: number): void;
  /** One hierarchical-softmax update along the Huffman path of `word`. */
  hierarchicalStep(inPtr: number, word: number, alpha: number): void;
  /** One full-softmax update over all output vectors. */
  softmaxStep(inPtr: number, word: number, alpha: number): void;
  /** fastText's subwords: word w's input rows are ids[offsets[w] .. offsets[w + 1]) (offsets 0: off); normalize 1: each row gets the gradient / |G|, 0: the whole gradient (fastText's). */
  configureSubwords(offsets: number, ids: number, normalize: number): void;
  /** A sharded model: contexts in block inBlock, centre words and `negatives` negatives per window (on average, from the table at negTable) in block outBlock of `count` (word w: block w % count, row w / count); count 1: the whole model. */
  configureShards(count: number, inBlock: number, outBlock: number, negatives: number, blocks: number, negTable: number, salt: bigint): void;
  /** A sharded model: the run-wide index of the next chunk's first id (keys the windows' negatives). */
  setChunkBase(base: bigint): void;
  /** Skip-gram with subwords, one position: h = mean of the centre word's rows predicts the n context words in the contexts buffer, one step for the window. */
  subwordSkipgramWindow(word: number, n: number, alpha: number): void;
  /** CBOW with subwords: h = mean of all rows of the n context words in the contexts buffer. */
  subwordCbowStep(n: number, word: number, alpha: number): void;
  /** Trains on n word ids (−1 ends a sentence) at learning rate alpha; returns the words kept. */
  trainChunk(idsPtr: number, n: number, alpha: number): number;
  /** One window's skip-gram updates with shared negatives, as small matrix products. */
  trainWindowBatched(n: number, count: number, alpha: number): void;
  /** For tests: one window with label `first` for target 0, by the one-target-at-a-time kernel (general = 1) or the register-blocked one. */
  trainWindowLabelled(n: number, count: number, alpha: number, first: number, general: number): void;
  /** Sets the tagger's table and weight pointers, sizes and scratch. */
  taggerConfigure(
    positions: number, features: number, tablePtrs: number, tableDims: number, tableTrain: number, hidden: number, tags: number,
    W: number, b1: number, U: number, b2: number, sigmoidOutput: number, scratch: number, maxBatch: number,
  ): void;
  /** Scratch bytes for a batch of maxBatch windows. */
  taggerScratchBytes(positions: number, width: number, hidden: number, tags: number, maxBatch: number): number;
  /** Scores of a batch of windows (softmax probabilities, or σ for one output) into out. */
  taggerPredict(ids: number, batch: number, out: number): void;
  /** One SGD step of the tagger on a batch of windows; returns the batch's mean loss. */
  taggerTrainBatch(ids: number, labels: number, batch: number, lr: number, l2: number, dropout: number): number;
  /** The forward half of a training step on a batch of windows: scores into out (crf: the emissions). */
  taggerTrainForward(ids: number, batch: number, dropout: number, out: number): void;
  /** The backward half: takes the scores' gradient dS and steps every parameter, L included. */
  taggerTrainBackward(ids: number, batch: number, dS: number, lr: number, l2: number, dropout: number): void;
  /** Raw scores of a batch of windows (no softmax), for Viterbi decoding. */
  taggerScores(ids: number, batch: number, out: number): void;
  /** Seeds this thread's dropout generator. */
  taggerSeed(s: bigint): void;
  /** This thread's dropout generator state, for checkpoints (taggerSeed restores it). */
  taggerRngState(): bigint;
  /** Bytes of one supervised-classifier thread's scratch. */
  classifierScratchBytes(dim: number, nlabels: number, neg: number): number;
  /** Sets the supervised classifier's matrices, loss (SUPERVISED_LOSSES), label tables and scratch. */
  classifierConfigure(
    dim: number, nlabels: number, input: number, output: number, lossKind: number, neg: number,
    cumulative: number, codes: number, points: number, codeLens: number, scratch: number,
  ): void;
  /** Seeds this instance's classifier generator (xorshift64*; not 0). */
  classifierSeed(s: bigint): void;
  /** The classifier kernel's random generator state (a seeded single-thread run continues from it). */
  classifierRngState(): bigint;
  /** The sum of the classifier's losses measured since the last reset. */
  classifierLossTotal(): number;
  /** How many examples that sum covers. */
  classifierLossTerms(): number;
  /** Clears the classifier's loss sum and count. */
  classifierResetLoss(): void;
  /** Address of the hidden vector of the last example. */
  classifierHiddenPtr(): number;
  /** Address of the negatives the last ns example drew (int32 × neg). */
  classifierDrawnPtr(): number;
  /** One example (n input rows, m gold labels at the given addresses) at learning rate lr; its loss. */
  classifierExample(rows: number, n: number, labels: number, m: number, lr: number): number;
  /** Examples [from, to) of the encoded data, the rate decaying by tokens; the tokens processed. */
  classifierTrain(rowIds: number, rowOffsets: number, labelIds: number, labelOffsets: number, tokens: number, from: number, to: number, lr0: number, done0: number, total: number): number;
  /** Rows [from, to) of a matrix at `base` filled uniformly in [−a, a). */
  classifierUniformRows(base: number, from: number, to: number, a: number): void;
  /** The most probable label of an example's rows (−1 without rows). */
  classifierTopLabel(rows: number, n: number): number;
  /** Lines [from, to) whose most probable label is one of theirs; each line's most probable label (−1 without rows) stored at tops[e] unless tops is 0. */
  classifierCorrect(rowIds: number, rowOffsets: number, labelIds: number, labelOffsets: number, from: number, to: number, tops: number): number;
  /** Sets the word tables lines of word numbers are expanded with (rows of each word, hashes, `</s>`, word n-grams) and the line scratch. */
  classifierWords(partStart: number, partRows: number, hashes: number, eos: number, wordBytes: number, wordNgrams: number, bucket: number, nwords: number, lineRows: number): void;
  /** The rows of the line of words [from, to) (then `</s>`) written into the line scratch; how many. */
  classifierLineRows(words: number, from: number, to: number): number;
  /** classifierTrain on lines of word numbers (their rows made as they are trained). */
  classifierTrainWords(words: number, wordOffsets: number, labelIds: number, labelOffsets: number, tokens: number, from: number, to: number, lr0: number, done0: number, total: number): number;
  /** classifierCorrect on lines of word numbers. */
  classifierCorrectWords(words: number, wordOffsets: number, labelIds: number, labelOffsets: number, from: number, to: number, tops: number): number;
}

/** The word2vec kernels' loss codes (`configure`'s lossKind). */
export const LOSS_KINDS = { negative: 0, hierarchical: 1, softmax: 2 } as const;

/** The supervised classifier kernel's loss codes (`classifierConfigure`'s lossKind). */
export const SUPERVISED_LOSSES = { softmax: 0, ns: 1, hs: 2, ova: 3 } as const;

/** Instantiates the compiled kernels over a (shared) memory. */
export function instantiateKernels(module: WasmModule, memory: WasmMemory): Kernels {
  const instance = new WebAssembly.Instance(module as WebAssembly.Module, { env: { memory: memory as WebAssembly.Memory } });
  return instance.exports as unknown as Kernels;
}
