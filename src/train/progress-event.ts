/** Which long call sent a progress event. */
export type ProgressTask = 'word2vec' | 'tagger' | 'classifier' | 'fit' | 'quantize';

/**
 * What a long call is doing: `vocabulary` (word2vec's counting and encoding pass over the
 * corpus), `training` (the epochs), `done` (the last event of a call, with fraction 1).
 */
export type ProgressStage = 'vocabulary' | 'training' | 'done';

/**
 * One progress report, the same shape for `trainWord2vec`, `trainTagger`, `trainClassifier`
 * (and `sweepL2`) and `fit`. Events come several times an epoch (at most about ten a second)
 * and at every epoch's end; `fraction` never decreases and the last event of a call that
 * finishes has `stage: 'done'` and `fraction: 1`.
 */
export interface ProgressEvent {
  task: ProgressTask;
  stage: ProgressStage;
  /** The epoch in progress (1-based; 0 before the first); quantize: the sub-quantizers trained. */
  epoch: number;
  /** Epochs asked for (training may stop earlier on patience). */
  epochs: number;
  /** Share of the whole call done, in [0, 1]. */
  fraction: number;
  /** Mean training loss of the latest stretch (or epoch) measured; null before there is one. */
  loss: number | null;
  /** word2vec: threads training (in a browser 1 when the page is not cross-origin isolated). */
  threads?: number;
  /** word2vec: in-vocabulary words trained per second. */
  wordsPerSecond?: number;
  /** tagger: training tokens per second. */
  tokensPerSecond?: number;
  /** fit, classifier: training examples per second. */
  examplesPerSecond?: number;
  /** The learning rate in force. */
  learningRate?: number;
  /** fit: loss on the validation rows at the last epoch's end. */
  validationLoss?: number | null;
  /** tagger, classifier: the dev score (entity F1, token accuracy or accuracy) at the last epoch's end. */
  devScore?: number | null;
  /** word2vec's vocabulary stage: tokens and sentences read so far, and (at its end) the vocabulary size. */
  tokens?: number;
  sentences?: number;
  vocabularySize?: number;
  /** classifier sweeps (sweepL2): the λ being trained, its 0-based place in the grid and the grid's size. */
  l2?: number;
  point?: number;
  points?: number;
  /** autotuneClassifier: the trial in progress (1-based); `fraction` is then the share of the time budget spent. */
  trial?: number;
  /** autotuneClassifier, at the end of a trial: its dev score (null when it did not finish). */
  trialScore?: number | null;
  /** autotuneClassifier, at the end of a trial: what became of it (AutotuneTrial's status: done, diverged, failed, stopped, oversized). */
  trialStatus?: string;
  /** autotuneClassifier: the best dev score so far (null before a trial finishes). */
  bestScore?: number | null;
}

/** The `onProgress` option of the long calls. */
export type ProgressCallback = (event: ProgressEvent) => void;
