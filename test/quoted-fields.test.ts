// CSV/TSV with quoted fields (issue 13): the table reader and the labelled TSV reader split lines
// with csv-parse, so a quoted field may hold the delimiter, quotes ("") and line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delimitedRecords } from '../src/io/delimited.js';
import { readTable } from '../src/io/table.js';
import { readLabelled, readLabelledTsv } from '../src/text/labelled.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

const numbered = (text: string): [number, string][] => text.split('\n').map((l, i) => [i + 1, l]);

test('a quoted table header may hold commas, quotes and line breaks; quoted numbers are numbers', () => {
  const t = readTable(writeTemp(dir, 'q.csv', '"size, cm","the ""x""","multi\nline",y\n"1.5",2,3,0\n4,"5",6,1\n\n7,8,"9",0\n'));
  assert.deepEqual(t.names, ['size, cm', 'the "x"', 'multi\nline', 'y']);
  assert.deepEqual([...t.data], [1.5, 2, 3, 0, 4, 5, 6, 1, 7, 8, 9, 0]);
  // lines are the file's: the header spans lines 1-2, the blank line 5 is skipped
  assert.deepEqual([...t.lines], [3, 4, 6]);
  const tsv = readTable(writeTemp(dir, 'q.tsv', 'a\t"b\tc"\ty\n1\t2\t0\n3\t4\t1\n'));
  assert.deepEqual(tsv.names, ['a', 'b\tc', 'y']);
});

test('errors after a multi-line quoted field name the line the record starts on', () => {
  assert.throws(() => readTable(writeTemp(dir, 'e.csv', 'x,"y\nz"\n1,2\n3,"four"\n')), /e.csv:4: column 2 \(y\nz\) is not a number: "four"/);
  assert.throws(() => readTable(writeTemp(dir, 'e2.csv', 'x,y\n1,"2\n"\n3,4,5\n')), /e2.csv:4: 3 columns, expected 2 \(as in the header\)/);
  assert.throws(() => readTable(writeTemp(dir, 'open.csv', 'x,y\n1,2\n3,"4\n5,6\n')), /open.csv:3: a quoted field opened on this line is never closed/);
});

test('the labelled TSV reader: quoted sentences with tabs, quotes and line breaks; a quote inside a field is kept', () => {
  const d = readLabelledTsv(writeTemp(dir, 'l.tsv', 'sentence\tlabel\n"a\tgood ""film"""\tpos\n"two\nlines"\t"neg"\nit\'s "fine" here\tpos\n'));
  assert.deepEqual(d.texts, [['a', 'good', '"film"'], ['two', 'lines'], ['it\'s', '"fine"', 'here']]);
  assert.deepEqual(d.labels, ['pos', 'neg', 'pos']);
  assert.deepEqual(d.lines, [2, 3, 5]);
  assert.equal(d.labelPrefix, undefined);
  assert.throws(() => readLabelledTsv(writeTemp(dir, 'l2.tsv', 'sentence\tlabel\n"open\tpos\nmore\tneg\n')), /l2.tsv:2: a quoted field opened on this line is never closed/);
  // standard input as TSV goes through the same reader
  assert.deepEqual(readLabelled('-', numbered('sentence\tlabel\n"x\ty"\tpos\nz\tneg')).texts, [['x', 'y'], ['z']]);
});

test('records cut by a batch boundary are parsed whole, with their line numbers', () => {
  const lines: string[] = ['a,b'];
  for (let i = 0; i < 5000; i++) lines.push(i === 4094 ? '"x\ny",1' : `${i},${i}`);
  const text = lines.join('\n');
  const records = [...delimitedRecords('big.csv', numbered(text), ',')];
  assert.equal(records.length, 5001);
  const cut = records.find((r) => r.cells[0] === 'x\ny')!;
  assert.equal(cut.line, 4096);
  assert.equal(records.at(-1)!.line, 5002);
  assert.deepEqual(records.at(-1)!.cells, ['4999', '4999']);
});

test('a quote that is never closed is refused after a bounded amount of text, naming its line', () => {
  const lines = function* (): Generator<[number, string]> {
    yield [1, 'a,b'];
    yield [2, '"open,1'];
    for (let i = 3; ; i++) yield [i, 'x'.repeat(1000)];
  };
  assert.throws(() => [...delimitedRecords('endless.csv', lines(), ',')], /endless.csv:2: a quoted field opened on this line runs on for more than 16 MiB/);
});

test('the CLI fits a table with a quoted header and classifies quoted TSV sentences', () => {
  const rows = Array.from({ length: 40 }, (_, i) => `"${(i % 2 ? 1 : -1) + (i % 5) / 10}",${(i % 3) / 10},${i % 2}`);
  const r = lexnet(['fit', '--train', writeTemp(dir, 'fit.csv', `"x, first","x ""second""",label\n${rows.join('\n')}\n`), '--kind', 'logistic', '--epochs', '2', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const tsv = 'sentence\tlabel\n' + Array.from({ length: 20 }, (_, i) => `"the\t${i % 2 ? 'good' : 'bad'} ""film"""\t${i % 2 ? 'pos' : 'neg'}`).join('\n') + '\n';
  const c = lexnet(['classify', 'train', '--train', writeTemp(dir, 'cls.tsv', tsv), '--out', `${dir}/q.model`, '--epochs', '2', '--dim', '4', '--json']);
  assert.equal(c.status, 0, c.stderr);
});
