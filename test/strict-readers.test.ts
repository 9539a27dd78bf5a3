// Issue 19: every reader refuses what the corpus reader refuses (bytes that are not UTF-8, a NUL
// in a word, a UTF-16 file), with the same words: `file:line: invalid UTF-8 at byte offset N`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LexnetError } from '../src/io/errors.js';
import { decodeVectors } from '../src/io/vector-decode.js';
import { readVectors } from '../src/io/vector-file.js';
import { readText } from '../src/io/read-text.js';
import { readTable } from '../src/io/table.js';
import { textCorpus, corpusFromSpec } from '../src/text/corpus.js';
import { readLines } from '../src/text/line-reader.js';
import { readConll } from '../src/text/conll.js';
import { readLabelled } from '../src/text/labelled.js';
import { tempDir, writeTemp } from './cli.js';

const dir = tempDir();

function refuses(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof LexnetError, `not a LexnetError: ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A word2vec binary file: header, then per row `word ` + float32s + `\n`. */
function binary(rows: [Uint8Array, number[]][]): Buffer {
  const parts: Buffer[] = [Buffer.from(`${rows.length} ${rows[0]![1].length}\n`)];
  for (const [word, values] of rows) {
    parts.push(Buffer.from(word), Buffer.from(' '));
    parts.push(Buffer.from(new Float32Array(values).buffer));
    parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

test('text vectors: two Latin-1 words are refused with the line and byte offset, not merged into one', () => {
  const bytes = latin1('2 2\ncaf\xe9 1 2\ncaf\xe8 3 4\n');
  const p = writeTemp(dir, 'latin.txt', bytes);
  for (const blockBytes of [1, 3, 1 << 20]) refuses(() => readVectors(p, { blockBytes }), /latin\.txt:2: invalid UTF-8 at byte offset 7 \(bytes 0xE9\)/);
  refuses(() => decodeVectors(bytes, 'text', 'latin.txt'), /^latin\.txt:2: invalid UTF-8 at byte offset 7/);
  // in a value too, and in the header
  refuses(() => readVectors(writeTemp(dir, 'v.txt', latin1('2 2\nab 1 2\ncd 1 2\xe9\n'))), /v\.txt:3: invalid UTF-8 at byte offset 17/);
  refuses(() => readVectors(writeTemp(dir, 'h.txt', latin1('1 2\xa0\nab 1 2\n'))), /h\.txt:1: invalid UTF-8 at byte offset 3/);
  // headerless (GloVe) too
  refuses(() => readVectors(writeTemp(dir, 'g.txt', latin1('ab 1 2\ncaf\xe9 1 2\n'))), /g\.txt:2: invalid UTF-8 at byte offset 10/);
});

test('binary vectors: a word that is not UTF-8 is refused with its byte offset', () => {
  const bytes = binary([[latin1('caf\xe9'), [1, 2]], [latin1('caf\xe8'), [3, 4]]]);
  const p = writeTemp(dir, 'latin.bin', bytes);
  for (const blockBytes of [1, 5, 1 << 20]) refuses(() => readVectors(p, { blockBytes }), /latin\.bin: invalid UTF-8 at byte offset 7 \(bytes 0xE9\)/);
  refuses(() => decodeVectors(bytes, 'binary', 'latin.bin'), /latin\.bin: invalid UTF-8 at byte offset 7/);
});

test('a NUL inside a word is refused in every vector format', () => {
  const text = Buffer.from('2 2\nab 1 2\na\0b 3 4\n');
  refuses(() => readVectors(writeTemp(dir, 'nul.txt', text)), /nul\.txt:3: NUL byte in the word "a\\u0000b"/);
  refuses(() => decodeVectors(text, 'text', 'nul.txt'), /nul\.txt:3: NUL byte in the word/);
  refuses(() => readVectors(writeTemp(dir, 'nul1.txt', Buffer.from('1 2\na\0b 1 2\n'))), /nul1\.txt:2: NUL byte in the word/);
  const bin = binary([[Buffer.from('ab'), [1, 2]], [Buffer.from('a\0b'), [3, 4]]]);
  refuses(() => readVectors(writeTemp(dir, 'nul.bin', bin)), /nul\.bin: vector 2, byte 16: NUL byte in the word/);
  refuses(() => decodeVectors(bin, 'binary', 'nul.bin'), /nul\.bin: vector 2, byte 16: NUL byte in the word/);
});

test('a UTF-16 file is recognised by its byte-order mark and named as such, by every text reader', () => {
  const utf16 = (s: string, bom: 'le' | 'be'): Buffer => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    if (bom === 'le') return le;
    const be = Buffer.from(le);
    be.swap16();
    return be;
  };
  for (const [order, mark] of [['le', 'FF FE'], ['be', 'FE FF']] as const) {
    const msg = new RegExp(`u16\\.\\w+: this file is UTF-16 \\(byte-order mark ${mark}\\); lexnet reads UTF-8: convert it, e\\.g\\. iconv -f UTF-16 -t UTF-8`);
    const p = (ext: string, s: string) => writeTemp(dir, `u16.${ext}`, utf16(s, order));
    refuses(() => readVectors(p('txt', '1 2\nab 1 2\n')), msg);
    refuses(() => readVectors(p('bin', '1 2\nab 1 2\n')), msg);
    refuses(() => decodeVectors(utf16('1 2\nab 1 2\n', order), 'text', 'u16.txt'), msg);
    refuses(() => decodeVectors(utf16('1 2\nab 1 2\n', order), 'binary', 'u16.bin'), msg);
    refuses(() => [...readLines(p('txt', 'a b\n'))], msg);
    refuses(() => [...textCorpus(p('txt', 'a b\n')).sentences()], msg);
    refuses(() => [...corpusFromSpec(`conll:${p('conll', 'a X\n')}`, false).sentences()], msg);
    refuses(() => readText(p('csv', 'a,b\n1,2\n')), msg);
    refuses(() => readTable(p('csv', 'a,b\n1,2\n')), msg);
    refuses(() => readConll(p('conll', 'a X\n')), msg);
    refuses(() => readLabelled(p('tsv', 'sentence\tlabel\na\tb\n')), msg);
  }
});

test('conll: corpora are read with the tagger\'s column checks (a TSV is not one long sentence)', () => {
  const tsv = writeTemp(dir, 'reviews.tsv', 'sentence\tlabel\na fine film\tpos\na dull film\tneg\n');
  const words = (spec: string, lower = false) => [...corpusFromSpec(spec, lower).sentences()];
  refuses(() => words(`conll:${tsv}`), /reviews\.tsv:2: 4 columns, expected 2 as on line 1 \(every token line needs the same columns\)/);
  refuses(() => readConll(tsv), /reviews\.tsv:2: 4 columns, expected 2 as on line 1/); // the same words as tagger train
  refuses(() => words(`conll:${writeTemp(dir, 'list.txt', 'the\ncat\n')}`), /list\.txt:1: 1 column, need at least 2/);
  refuses(() => words(`brown,conll:${writeTemp(dir, 'ragged.conll', 'EU NNP B-ORG\nrejects VBZ\n')}`.replace('brown,', '')), /ragged\.conll:2: 2 columns, expected 3 as on line 1/);
  const ok = writeTemp(dir, 'ok.conll', '-DOCSTART- -X- O\n\nEU NNP B-ORG\nRejects VBZ O\n\nPeter NNP B-PER\n');
  assert.deepEqual(words(`conll:${ok}`), [['EU', 'Rejects'], ['Peter']]);
  assert.deepEqual(words(`conll:${ok}`, true), [['eu', 'rejects'], ['peter']]);
});

test('model and checkpoint headers edited in another encoding are refused, not read with replacement characters', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { loadClassifier } = await import('../src/classify/model-file.js');
  const { writeModelFixtures } = await import('./model-fixtures.js');
  const models = writeModelFixtures(dir);
  const bytes = readFileSync(models.fasttext);
  const second = bytes.indexOf(10) + 1;
  const at = bytes.indexOf(Buffer.from('"labels":["'), second) + 11;
  const edited = Buffer.from(bytes);
  edited[at] = 0xe9; // a label's first letter, as Latin-1 é
  const p = writeTemp(dir, 'latin.classifier', edited);
  writeFileSync(p, edited);
  refuses(() => loadClassifier(p), new RegExp(`latin\\.classifier:2: invalid UTF-8 at byte offset ${at} \\(bytes 0xE9 0x65\\)`));
});

test('the CLI names a UTF-16 standard input as such', async () => {
  const { lexnet } = await import('./cli.js');
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a b c\nb c a\n', 'utf16le')]);
  const r = lexnet(['word2vec', '--corpus', '-', '--out', `${dir}/u16-vectors.txt`, '--min-count', '1', '--quiet'], u16);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^lexnet: stdin: this file is UTF-16 \(byte-order mark FF FE\); lexnet reads UTF-8: convert it, e\.g\. iconv -f UTF-16 -t UTF-8\n$/);
});
