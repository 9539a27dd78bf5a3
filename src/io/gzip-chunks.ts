import { fflate } from './fflate-on-demand.js';

const encoder = new TextEncoder();

/**
 * Compresses a stream of chunks (strings are UTF-8) as one gzip member, chunk by chunk: memory
 * is one chunk and the compressor's window, never the whole file.
 */
export function* gzipChunks(chunks: Iterable<string | Uint8Array>): Generator<Uint8Array> {
  const out: Uint8Array[] = [];
  const { Gzip } = fflate();
  const gzip = new Gzip({ level: 6 }, (data) => { out.push(data); });
  for (const chunk of chunks) {
    gzip.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    yield* out.splice(0);
  }
  gzip.push(new Uint8Array(0), true);
  yield* out.splice(0);
}
