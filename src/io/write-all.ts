import { writeSync } from 'node:fs';
import { errnoCode } from './write-errors.js';

/** write(2)'s shape: bytes written from `bytes[offset, offset + length)`. */
export type WriteFn = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes every byte (write(2) may take fewer), waiting while a non-blocking pipe is full. */
export function writeAll(fd: number, bytes: Uint8Array, write: WriteFn = writeSync): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += write(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if (errnoCode(e) !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}
