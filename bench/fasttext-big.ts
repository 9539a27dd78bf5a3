/**
 * Large fastText models (issue 21): writes a model of cc.en.300's shape (2 M words + 2 M buckets
 * × 300 floats, 4.8 GB, more than one typed array holds) without holding its matrices, then
 * reads it back for lookups with lexnet and reports the memory used. Not a test: run by hand.
 *
 *   node dist/bench/fasttext-big.js FILE [--words 2000000] [--buckets 2000000] [--dim 300] [--subword-rows memory|file|auto] [--no-read]
 */
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { readVectors } from '../src/io/vector-file.js';
import { encodeArgs, unsupervisedArgs } from '../src/fasttext/args.js';
import { encodeDictionary, ENTRY_WORD } from '../src/fasttext/dictionary.js';
import { FASTTEXT_MAGIC, FASTTEXT_VERSION } from '../src/fasttext/model-file.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const file = argv[0];
if (!file || file.startsWith('--')) throw new Error('usage: fasttext-big.js FILE [--words N] [--buckets N] [--dim N] [--subword-rows memory|file|auto] [--no-read]');
const words = Number(flag('words', '2000000')), bucket = Number(flag('buckets', '2000000')), dim = Number(flag('dim', '300'));
const subwordRows = flag('subword-rows', 'auto') as 'memory' | 'file' | 'auto';

/** `rows` rows of small pseudo-random floats, a block of rows at a time. */
function* rowsOf(rows: number, seed: number): Generator<Uint8Array> {
  const block = new Float32Array(Math.max(1, Math.floor((1 << 22) / dim)) * dim);
  let s = seed >>> 0;
  for (let done = 0; done < rows;) {
    const n = Math.min(rows - done, block.length / dim);
    for (let k = 0; k < n * dim; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      block[k] = (s / 2 ** 32 - 0.5) / dim;
    }
    yield new Uint8Array(block.buffer, 0, n * dim * 4);
    done += n;
  }
}

function matrixHead(rows: number): Uint8Array {
  const b = new Uint8Array(17);
  const v = new DataView(b.buffer);
  v.setBigInt64(1, BigInt(rows), true);
  v.setBigInt64(9, BigInt(dim), true);
  return b;
}

const started = Date.now();
writeFileAtomic(file, (function* () {
  const sig = new Uint8Array(8);
  new DataView(sig.buffer).setInt32(0, FASTTEXT_MAGIC, true);
  new DataView(sig.buffer).setInt32(4, FASTTEXT_VERSION, true);
  yield sig;
  yield encodeArgs(unsupervisedArgs({ dim, bucket, minCount: 1 }));
  const entries = Array.from({ length: words }, (_, i) => ({ word: `w${i.toString(36)}`, count: words - i, type: ENTRY_WORD }));
  yield* encodeDictionary({ entries, nwords: words, nlabels: 0, ntokens: entries.reduce((t, e) => t + e.count, 0), pruneIndex: null });
  yield matrixHead(words + bucket);
  yield* rowsOf(words + bucket, 1);
  yield matrixHead(words);
  yield* rowsOf(words, 2);
})());
console.log(`wrote ${file}: ${words} words + ${bucket} buckets × ${dim} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

if (!argv.includes('--no-read')) {
  const t = Date.now();
  const v = readVectors(file, { subwordRows });
  const m = process.memoryUsage();
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
  console.log(`read ${v.size} words${v.hasSubwords ? ' with subwords' : ''} in ${((Date.now() - t) / 1000).toFixed(1)} s; rss ${gib(m.rss)}, array buffers ${gib(m.arrayBuffers)}`);
  console.log(`unseen word: ${Array.from(v.vector('zzunseenzz')!.subarray(0, 3)).join(' ')} …`);
}
