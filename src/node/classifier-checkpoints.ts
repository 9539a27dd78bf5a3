// The Node edge of classifier checkpoints: the files themselves (classify/checkpoint.ts).
export { loadClassifierCheckpoint, saveClassifierCheckpoint } from '../classify/checkpoint.js';
