/** Learning rate as a function of training progress in [0, 1]. */
export type Schedule = (progress: number) => number;
/** The learning-rate schedules: constant, or linear decay to lr·1e-4. */
export type ScheduleName = 'constant' | 'linear';
export const SCHEDULES: readonly ScheduleName[] = ['constant', 'linear'];

/**
 * constant: lr throughout; linear: decays from lr to lr·1e-4 at the end, as word2vec's
 * α = α0·max(1 − progress, 1e-4).
 */
export function makeSchedule(name: ScheduleName, lr: number): Schedule {
  switch (name) {
    case 'constant': return () => lr;
    case 'linear': return (p) => lr * Math.max(1 - p, 1e-4);
  }
}
