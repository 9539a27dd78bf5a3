// The Node edge of tagger checkpoints: the files themselves (tagger/checkpoint.ts).
export { loadTaggerCheckpoint, saveTaggerCheckpoint } from '../tagger/checkpoint.js';
export { checkOutputPath as checkCheckpointPath } from '../io/output-path.js';
