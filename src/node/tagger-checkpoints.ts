// The Node edge of tagger checkpoints: the files themselves (tagger/checkpoint.ts).
export { loadTaggerCheckpoint, saveTaggerCheckpoint } from '../tagger/checkpoint.js';
