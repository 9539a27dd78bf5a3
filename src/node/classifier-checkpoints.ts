// The Node edge of classifier checkpoints: the files themselves (classify/checkpoint.ts).
export { loadClassifierCheckpoint, saveClassifierCheckpoint } from '../classify/checkpoint.js';
export { checkOutputPath as checkCheckpointPath } from '../io/output-path.js';
