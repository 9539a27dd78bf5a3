import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:buffer';
import { Utf8Stream } from '../text/utf8-stream.js';
import { BLOCK_BYTES, readBytesAsync, readBytesStreaming, type ByteSourceInfo } from './byte-source.js';
import { inputError, LexnetError } from './errors.js';

/** Reads a whole file's bytes, turning file-system failures into clear errors. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
}

/** readBytes through `node:fs/promises`: the event loop runs while the file is read. */
export async function readAllBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new LexnetError(`${path}: cannot read (${describeFsError(e)})`);
  }
}

/**
 * Reads a whole text file: a path, `-` (standard input) or a FIFO, gzip inflated as it streams
 * (`.gz`, or gzip's magic bytes first). Bytes that are not UTF-8 are an error naming the line
 * and byte offset; a leading byte-order mark is dropped; a text too large for one string is
 * refused before it is all read (so a gzip bomb is stopped, not inflated).
 */
export function readText(path: string): string {
  const collected = new TextBytes();
  for (const chunk of readBytesStreaming(path, BLOCK_BYTES, (info) => collected.opened(info))) collected.add(chunk);
  return collected.text();
}

/** readText with asynchronous reads (`fs/promises`): the event loop runs while the file is read and inflated. */
export async function readTextAsync(path: string): Promise<string> {
  const collected = new TextBytes();
  for await (const chunk of readBytesAsync(path, BLOCK_BYTES, (info) => collected.opened(info))) collected.add(chunk);
  return collected.text();
}

/** A whole text file's bytes as they are read (in one buffer sized from the file when it can be), then decoded strictly. */
class TextBytes {
  private name = '';
  private gzip = false;
  private bytes = new Uint8Array(0);
  private length = 0;

  opened(info: ByteSourceInfo): void {
    this.name = info.name;
    this.gzip = info.gzip;
    if (!info.gzip && info.size !== null && info.size <= constants.MAX_STRING_LENGTH) this.bytes = new Uint8Array(info.size);
  }

  add(chunk: Uint8Array): void {
    const { length } = this;
    if (length + chunk.length > constants.MAX_STRING_LENGTH) throw tooLarge(this.name);
    if (length + chunk.length > this.bytes.length) {
      const more = new Uint8Array(Math.min(constants.MAX_STRING_LENGTH, Math.max(2 * this.bytes.length, length + chunk.length, 1 << 16)));
      more.set(this.bytes.subarray(0, length));
      this.bytes = more;
    }
    this.bytes.set(chunk, length);
    this.length += chunk.length;
  }

  text(): string {
    const utf8 = new Utf8Stream(this.name);
    utf8.gzip = this.gzip;
    const all = this.bytes.subarray(0, this.length);
    const text = utf8.decode(all, 1);
    return text + utf8.end(utf8.incomplete ? 1 + countByte(all, 10) : 1);
  }
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i >= 0; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

/** UTF-8 bytes as a string without a byte-order mark; a file too large for one string is an error. */
export function bytesToText(path: string, bytes: Buffer): string {
  if (bytes.length > constants.MAX_STRING_LENGTH) throw tooLarge(path);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const tooLarge = (path: string): LexnetError =>
  inputError(path, null, `too large to read whole (more than ${constants.MAX_STRING_LENGTH} characters of text)`);

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ERR_FS_FILE_TOO_LARGE': return 'larger than 2 GiB, the most this reader loads whole';
    default: return code ?? String(e);
  }
}
