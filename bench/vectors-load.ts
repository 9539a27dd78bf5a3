/**
 * Loads a vector file with lexnet's reader and prints its size: the child process that the
 * vector-loading benchmark (bench/vectors.ts) times and measures.
 *
 *   node dist/bench/vectors-load.js FILE
 */
import { readVectors } from '../src/io/vector-file.js';

const v = readVectors(process.argv[2]!);
console.log(v.size, v.dim);
