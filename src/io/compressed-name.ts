import { LexnetError } from './errors.js';

/** Suffixes that promise a compressed file; every lexnet reader inflates `.gz` (and gzip's magic bytes). */
const COMPRESSED = /\.(gz|tgz|bz2|xz|lzma|zst|zip|lz4|7z)$/i;

/** The compressed suffix a path ends in (`.gz`, `.bz2`, …, and compress's `.Z`), or null. */
export function compressedSuffix(path: string): string | null {
  return COMPRESSED.exec(path)?.[0] ?? /\.Z$/.exec(path)?.[0] ?? null;
}

/**
 * Refuses an output named as a compressed file for a writer that writes it uncompressed (a model,
 * a checkpoint, a chart): the name would promise what the bytes are not. Word vectors are the
 * exception (`writeVectors` gzips a `.gz` name). `option`, when given, is put before the path and
 * named in the error (the CLI replaces it with its flag).
 */
export function refuseCompressedName(path: string, option?: string): void {
  const suffix = compressedSuffix(path);
  if (suffix === null) return;
  const what = suffix.toLowerCase() === '.gz'
    ? 'lexnet writes only word vectors compressed (.gz); this file is written uncompressed, so the name would be a lie'
    : `lexnet writes no ${suffix} files (word vectors can be written as .gz)`;
  throw new LexnetError(`${option ? `${option} ` : ''}${path}: ${what}; give a name without ${suffix}`, option ? { option } : {});
}
