/** One sample of a word2vec run, taken a few times a second while it trains. */
export interface Word2vecSample {
  /** Epochs done when the sample was taken (fractional: 2.5 is half way through the third). */
  epoch: number;
  /** Mean loss per prediction since the previous sample. */
  loss: number;
  /** The learning rate at that point (it decays linearly from alpha). */
  alpha: number;
}
