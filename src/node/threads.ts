import { availableParallelism } from 'node:os';

/** The machine's cores as Node counts them (os.availableParallelism). */
export function hardwareThreads(): number {
  return availableParallelism();
}
