// A regular file cut short, grown or rewritten while it is read is refused, not used in part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, closeSync, openSync, truncateSync, utimesSync, writeSync } from 'node:fs';
import { readBytesStreaming } from '../src/io/byte-source.js';
import { readLines } from '../src/text/line-reader.js';
import { tokenIdBlocks } from '../src/text/token-ids.js';
import { TokenTable } from '../src/text/token-table.js';
import { textCorpus } from '../src/text/corpus.js';
import { LexnetError } from '../src/io/errors.js';
import { tempDir, writeTemp } from './cli.js';

const dir = tempDir();
const text = Array.from({ length: 400 }, (_, i) => `the word${i % 37} and more words here ${i}`).join('\n') + '\n';

/** Iterates `items`, calling `change` once after the `after`-th item; returns how many came. */
function drain<T>(items: Iterable<T>, after: number, change: () => void): number {
  let n = 0;
  for (const _ of items) if (++n === after) change();
  return n;
}

const refused = (fn: () => unknown, pattern: RegExp): void =>
  assert.throws(fn, (e: Error) => e instanceof LexnetError && pattern.test(e.message), `expected a LexnetError matching ${pattern}`);

test('readBytesStreaming refuses a file cut short, grown or modified while it is read', () => {
  const cut = writeTemp(dir, 'cut.txt', text);
  refused(() => drain(readBytesStreaming(cut, 256), 2, () => truncateSync(cut, text.length >> 2)),
    new RegExp(`cut\\.txt: it was cut short while it was read \\(${text.length} bytes when opened, ${text.length >> 2} now; ${text.length >> 2} read\\), so what was read is not the whole file`));
  const grown = writeTemp(dir, 'grown.txt', text);
  refused(() => drain(readBytesStreaming(grown, 256), 2, () => appendFileSync(grown, 'more\n')), /grown\.txt: it grew while it was read/);
  const modified = writeTemp(dir, 'modified.txt', text);
  refused(() => drain(readBytesStreaming(modified, 256), 2, () => {
    const fd = openSync(modified, 'r+');
    writeSync(fd, 'X', 3);
    closeSync(fd);
    utimesSync(modified, new Date(), new Date(Date.now() + 5000));
  }), /modified\.txt: it was modified while it was read \(\d+ bytes\)/);
  // an unchanged file reads whole
  const same = writeTemp(dir, 'same.txt', text);
  assert.equal(drain(readBytesStreaming(same, 256), 2, () => {}), Math.ceil(text.length / 256));
});

test('the corpus readers (lines, token ids, text corpus) refuse a corpus truncated under them', () => {
  const lines = writeTemp(dir, 'lines.txt', text);
  refused(() => drain(readLines(lines, 512), 5, () => truncateSync(lines, 1000)), /lines\.txt: it was cut short while it was read/);
  const ids = writeTemp(dir, 'ids.txt', text);
  refused(() => drain(tokenIdBlocks(ids, false, new TokenTable(), 512), 1, () => truncateSync(ids, 1000)), /ids\.txt: it was cut short/);
  const corpus = writeTemp(dir, 'corpus.txt', text);
  refused(() => drain(textCorpus(corpus, { blockBytes: 512 }).sentences(), 5, () => truncateSync(corpus, 1000)), /corpus\.txt: it was cut short/);
});
