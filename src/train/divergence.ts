import { LexnetError } from '../io/errors.js';

/** Thrown when the loss stops being a finite number. */
export class DivergenceError extends LexnetError {
  constructor(epoch: number, loss: number, lr: number) {
    super(`training diverged at epoch ${epoch}: the loss became ${loss}. Try a smaller learning rate (it was ${lr}).`);
  }
}
