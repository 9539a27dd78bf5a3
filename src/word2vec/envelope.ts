import { LexnetError } from '../io/errors.js';
import { CHUNK_WORDS, planLayout, word2vecScratchBytes } from './layout.js';
import { formatBytes, MAX_MEMORY_BYTES } from './memory-limit.js';
import { unigramTableSize } from './unigram-table.js';

/**
 * Refuses, before a corpus is read, settings with which not even a one-word vocabulary fits in
 * the 4 GiB of a WebAssembly memory: each thread's kernel buffers grow with dim × window and
 * window × negative, whatever the vocabulary. (planLayout checks the real vocabulary later.)
 */
export function checkSmallestModelFits(o: { dim: number; window: number; negative: number; threads: number }): void {
  const scratch = word2vecScratchBytes(o.dim, o.negative, 1, o.window);
  const base = planLayout(o.dim, 1, unigramTableSize(1), 0, scratch).bytes;
  const r16 = (n: number): number => Math.ceil(n / 16) * 16;
  const perThread = r16(scratch + CHUNK_WORDS * 4) + r16(CHUNK_WORDS * 4);
  if (base + o.threads * perThread <= MAX_MEMORY_BYTES) return;
  const most = Math.floor((MAX_MEMORY_BYTES - base) / perThread);
  throw new LexnetError(
    `word2vec: ${o.threads} thread${o.threads === 1 ? '' : 's'} × ${formatBytes(perThread)} of kernel buffers (they grow with \`dim\` ${o.dim} × \`window\` ${o.window} ` +
    `and \`window\` × \`negative\` ${o.negative}) = ${formatBytes(o.threads * perThread)}, more than the 4 GiB a WebAssembly memory can hold before a single word vector; ` +
    `${most >= 1 ? `at most ${most} thread${most === 1 ? '' : 's'} fit at these settings; ` : ''}lower \`threads\`, \`window\`, \`dim\` or \`negative\``,
    { mentions: ['threads', 'window', 'dim', 'negative'] },
  );
}
