// Vector files past 2 GiB of floats (issue 24 part 3: models larger than one WebAssembly memory).
// The file test writes and reads over 2 GiB, so it runs only with LEXNET_BIG_TESTS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors } from '../src/io/vector-file.js';
import { FloatRows } from '../src/io/float-rows.js';
import { tempDir } from './cli.js';

const skip = process.env.LEXNET_BIG_TESTS === '1' ? false : 'a file of over 2 GiB: set LEXNET_BIG_TESTS=1';

test('a .bin past 2 GiB of rows: every row is read where it belongs and its values are checked', { skip }, () => {
  const rows = 560_000, dim = 1000; // 2.24 GB of floats: row offsets pass 2³¹ bytes
  const path = join(tempDir(), 'big.bin');
  const fd = openSync(path, 'w');
  const enc = new TextEncoder();
  writeSync(fd, enc.encode(`${rows} ${dim}\n`));
  const block = 1000, row = new Float32Array(dim), bytes = new Uint8Array(block * (8 + dim * 4 + 1));
  for (let at = 0; at < rows; at += block) {
    let p = 0;
    for (let i = at; i < at + block; i++) {
      const word = enc.encode(`w${i.toString(36).padStart(5, '0')} `);
      bytes.set(word, p);
      p += word.length;
      row.fill(i);
      if (i === rows - 1) row[7] = NaN; // the last row holds a value that is not finite
      bytes.set(new Uint8Array(row.buffer), p);
      p += dim * 4;
      bytes[p++] = 10;
    }
    writeSync(fd, bytes, 0, p);
  }
  closeSync(fd);
  assert.throws(() => readVectors(path), /vector 560000 \("w[0-9a-z]+"\), byte \d+: value 8 is NaN/);
  const v = readVectors(path, { limit: rows - 1 });
  assert.equal(v.size, rows - 1);
  assert.equal(v.data.buffer.byteLength >= (rows - 1) * dim * 4, true);
  assert.equal(v.vector(`w${(rows - 2).toString(36).padStart(5, '0')}`)![dim - 1], rows - 2);
  assert.equal(v.vector(`w${(600_000 - 100_000).toString(36).padStart(5, '0')}`)![0], 500_000);
});

// the two below allocate buffers of over 4 GiB but touch a few pages only (RSS stays small)
test('FloatRows holds more than 4 GiB: rows past 2³² bytes are written and read through views', () => {
  const n = 2 ** 30 + 16; // floats: 4 GiB + 64 bytes
  const r = new FloatRows(1, n, n);
  r.bytesAt(2 ** 32 + 4, 8).set(new Uint8Array(new Float32Array([1.5, -2]).buffer));
  assert.deepEqual([...r.data.subarray(2 ** 30 + 1, 2 ** 30 + 3)], [1.5, -2]);
  assert.deepEqual([...r.bitsAt(2 ** 30 + 1, 1)], [0x3fc00000]);
});

test('FloatRows past 2³¹ floats hands its rows over as a view, not an 8 GiB copy', () => {
  const n = 2 ** 31 + 16;
  const r = new FloatRows(1, n, n);
  r.rows = n - 1;
  assert.equal(r.matrix().buffer, r.data.buffer);
});
