import { closeSync, fstatSync, openSync, read as readCallback, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { inputError, LexnetError } from './errors.js';
import { fflate } from './fflate-on-demand.js';
import { describeFsError } from './read-text.js';

/** Bytes read per system call. */
export const BLOCK_BYTES = 1 << 20;

/** What a byte source is reading: a path, `-` (standard input), decompressed or not. */
export interface ByteSourceInfo {
  /** The name used in messages (the path, or `stdin` for `-`). */
  name: string;
  /** Whether it can be read a second time (a regular file, not a pipe, FIFO or standard input). */
  rereadable: boolean;
  /** Whether the bytes are inflated from gzip as they are read (`.gz`, or gzip's magic bytes first). */
  gzip: boolean;
  /** Size on disk when known (regular files), else null. */
  size: number | null;
}

/** The name of a source in messages: `stdin` for `-`, else the path. */
export function sourceName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

/** Whether standard input has been opened by a byte source (it can be read only once). */
let stdinTaken = false;

/**
 * Opens `path` (`-` is standard input) and yields its bytes in blocks of about `blockBytes`,
 * inflating gzip as it streams (`.gz` files, and any source that starts with gzip's magic
 * bytes), so memory stays bounded whatever the size. Each yielded chunk is only valid until the
 * next one is asked for. File-system and gzip failures are LexnetErrors naming the file;
 * standard input can be opened once per process (a second `-` is an error, not an empty file).
 */
export function* readBytesStreaming(path: string, blockBytes = BLOCK_BYTES, info?: (i: ByteSourceInfo) => void): Generator<Uint8Array> {
  const name = sourceName(path);
  let fd: number;
  let ownFd = true;
  if (path === '-') {
    takeStdin();
    fd = 0;
    ownFd = false;
  } else {
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
    }
  }
  try {
    let regular = false, size: number | null = null, opened: Stats | null = null;
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) throw new LexnetError(`${name}: cannot read (is a directory)`);
      regular = st.isFile();
      size = regular ? st.size : null;
      if (regular) opened = st;
    } catch (e) {
      if (e instanceof LexnetError) throw e;
    }
    const block = Buffer.allocUnsafe(blockBytes);
    let total = 0;
    const read = (): number => {
      for (;;) {
        try {
          const got = readSync(fd, block, 0, blockBytes, null);
          total += got;
          if (got === 0 && opened) checkUnchanged(name, fd, opened, total, path !== '-');
          return got;
        } catch (e) {
          if (e instanceof LexnetError) throw e;
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; } // non-blocking stdin: wait a little
          if (code === 'EOF') return 0;
          throw new LexnetError(`${name}: cannot read (${describeFsError(e)})`);
        }
      }
    };
    let n = read();
    const gzip = path.endsWith('.gz') || (n >= 2 && block[0] === 0x1f && block[1] === 0x8b);
    info?.({ name, rereadable: regular && path !== '-', gzip, size });
    if (!gzip) {
      while (n > 0) {
        yield block.subarray(0, n);
        n = read();
      }
      return;
    }
    yield* inflate(name, block, n, read);
  } finally {
    if (ownFd) closeSync(fd);
  }
}

/**
 * readBytesStreaming with asynchronous reads (node:fs/promises; standard input through the
 * thread pool): the event loop runs while each block is read. The same checks, errors and chunks.
 */
export async function* readBytesAsync(path: string, blockBytes = BLOCK_BYTES, info?: (i: ByteSourceInfo) => void): AsyncGenerator<Uint8Array> {
  const name = sourceName(path);
  const block = Buffer.allocUnsafe(blockBytes);
  let readBlock: () => Promise<number>;
  let st: Stats | null = null;
  let close = async (): Promise<void> => {};
  let fd = (): number => 0;
  if (path === '-') {
    takeStdin();
    try {
      st = fstatSync(0);
    } catch {
      // read it as a stream
    }
    readBlock = () => new Promise<number>((resolve, reject) => readCallback(0, block, 0, blockBytes, null, (e, n) => (e ? reject(e) : resolve(n))));
  } else {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
    }
    const h = handle;
    close = () => h.close();
    fd = () => h.fd;
    try {
      st = await h.stat();
    } catch {
      // read it as a stream
    }
    readBlock = async () => (await h.read(block, 0, blockBytes, null)).bytesRead;
  }
  try {
    const { regular, size } = kindOf(name, st);
    const opened = regular ? st : null;
    let total = 0;
    const read = async (): Promise<number> => {
      for (;;) {
        try {
          const got = await readBlock();
          total += got;
          if (got === 0 && opened) checkUnchanged(name, fd(), opened, total, path !== '-');
          return got;
        } catch (e) {
          if (e instanceof LexnetError) throw e;
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') { await new Promise((resolve) => setTimeout(resolve, 5)); continue; } // non-blocking stdin: wait a little
          if (code === 'EOF') return 0;
          throw new LexnetError(`${name}: cannot read (${describeFsError(e)})`);
        }
      }
    };
    let n = await read();
    const gzip = path.endsWith('.gz') || (n >= 2 && block[0] === 0x1f && block[1] === 0x8b);
    info?.({ name, rereadable: regular && path !== '-', gzip, size });
    if (!gzip) {
      while (n > 0) {
        yield block.subarray(0, n);
        n = await read();
      }
      return;
    }
    const z = new GzipPieces(name, n);
    while (n > 0) {
      yield* z.block(block, n);
      n = await read();
    }
    yield* z.end();
  } finally {
    await close();
  }
}

/** Marks standard input as taken; it can be opened once per process. */
function takeStdin(): void {
  if (stdinTaken) throw new LexnetError('- (standard input) is given to two inputs; it can be read only once: give the others as files');
  stdinTaken = true;
}

/** Whether a source is a regular file and its size (directories refused). */
function kindOf(name: string, st: Stats | null): { regular: boolean; size: number | null } {
  if (!st) return { regular: false, size: null };
  if (st.isDirectory()) throw new LexnetError(`${name}: cannot read (is a directory)`);
  const regular = st.isFile();
  return { regular, size: regular ? st.size : null };
}

/**
 * A regular file must end as it was when opened: the bytes read must be its size then, and its
 * size and modification time must not have changed meanwhile. A file cut short (or grown, or
 * rewritten) while it is read is refused rather than used in part: a corpus truncated under a
 * run would otherwise train on what was left, with no sign of it. (Files that report a size of
 * 0, such as /proc's, and standard input redirected from a file, which may have been read in
 * part before, are judged by their modification time and end size only.)
 */
function checkUnchanged(name: string, fd: number, opened: Stats, total: number, fromStart: boolean): void {
  let now: Stats;
  try {
    now = fstatSync(fd);
  } catch {
    return;
  }
  // standard input redirected from a file may start past its beginning: only changes count there
  const readAll = opened.size === 0 || !fromStart || total === opened.size;
  if (readAll && now.size === opened.size && now.mtimeMs === opened.mtimeMs) return;
  const sizes = now.size === opened.size ? `${opened.size} bytes` : `${opened.size} bytes when opened, ${now.size} now`;
  const what = total < opened.size ? `it was cut short while it was read (${sizes}; ${total} read)`
    : total > opened.size && opened.size > 0 ? `it grew while it was read (${sizes}; ${total} read)`
    : `it was modified while it was read (${sizes})`;
  throw new LexnetError(`${name}: ${what}, so what was read is not the whole file; run again once nothing is writing to it`);
}

/** Compressed bytes given to the inflater at a time (at most about 1,000× that comes out). */
const INFLATE_PIECE = 1 << 14;

/** Streams gzip members through fflate's inflater, a block in, whatever it yields out. */
function* inflate(name: string, block: Buffer, first: number, read: () => number): Generator<Uint8Array> {
  const z = new GzipPieces(name, first);
  for (let n = first; n > 0; n = read()) yield* z.block(block, n);
  yield* z.end();
}

/** fflate's inflater fed a block at a time, in small pieces, with the errors named for the source. */
class GzipPieces {
  private readonly out: Uint8Array[] = [];
  private ended = false;
  private offset = 0;
  private readonly g = new (fflate().Gunzip)((chunk, final) => {
    this.out.push(chunk);
    if (final) this.ended = true;
  });

  constructor(private readonly name: string, first: number) {
    if (first === 0) throw inputError(name, null, 'empty, not a gzip file');
  }

  private push(bytes: Uint8Array, final: boolean): void {
    try {
      this.g.push(bytes, final);
    } catch (e) {
      if (final) throw cutShort(this.name, this.offset);
      throw inputError(this.name, null, `not a valid gzip stream near compressed byte ${this.offset} (${(e as Error).message})`);
    }
  }

  /** The inflated chunks of the first `n` bytes of `block`. */
  *block(block: Buffer, n: number): Generator<Uint8Array> {
    // small pieces, so that highly compressed input (a gzip bomb) comes out in bounded chunks
    for (let at = 0; at < n; at += INFLATE_PIECE) {
      const piece = Uint8Array.from(block.subarray(at, Math.min(n, at + INFLATE_PIECE))); // a copy: fflate may keep it while the block is read again
      this.push(piece, false);
      this.offset += piece.length;
      yield* this.out.splice(0);
    }
  }

  /** The last chunks; an error when the stream was cut short. */
  *end(): Generator<Uint8Array> {
    this.push(new Uint8Array(0), true);
    yield* this.out.splice(0);
    if (!this.ended) throw cutShort(this.name, this.offset);
  }
}

const cutShort = (name: string, bytes: number): LexnetError =>
  inputError(name, null, `the gzip stream is cut short (it ends after ${bytes} compressed bytes): is the file complete?`);
