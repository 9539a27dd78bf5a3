// Issue 19: prediction needs no labels, in every format; `predict` ignores extra columns (an id,
// a name) of a file with a header, as the README says. `classify eval` still requires labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Random } from '../src/index.js';
import { LexnetError } from '../src/io/errors.js';
import { readTable } from '../src/io/table.js';
import { readUnlabelled } from '../src/text/labelled.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

function ok(args: string[], input?: string): string {
  const r = lexnet(args, input);
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('readUnlabelled: a TSV needs only its sentence column; fastText lines with or without __label__; plain lines', () => {
  const only = readUnlabelled(writeTemp(dir, 'only.tsv', 'sentence\na good film\nawful plot\n'));
  assert.deepEqual([only.texts, only.lines], [[['a', 'good', 'film'], ['awful', 'plot']], [2, 3]]);
  const extra = readUnlabelled(writeTemp(dir, 'extra.tsv', 'id\tsentence\tsource\n7\ta good film\tweb\n'));
  assert.deepEqual(extra.texts, [['a', 'good', 'film']]);
  const labelled = readUnlabelled(writeTemp(dir, 'l.tsv', 'sentence\tlabel\na good film\tpos\n'));
  assert.deepEqual(labelled.texts, [['a', 'good', 'film']]);
  assert.deepEqual(readUnlabelled(writeTemp(dir, 'ft.txt', '__label__pos a good film\n\n__label__neg awful\n')).texts, [['a', 'good', 'film'], ['awful']]);
  assert.deepEqual(readUnlabelled(writeTemp(dir, 'mixed.txt', '__label__pos a good film\nawful plot\n')).texts, [['a', 'good', 'film'], ['awful', 'plot']]);
  assert.deepEqual(readUnlabelled(writeTemp(dir, 'plain.txt', 'a good film\n\nawful\n')).texts, [['a', 'good', 'film'], [], ['awful']]);
  assert.throws(() => readUnlabelled(writeTemp(dir, 'nosent.tsv', 'text\tlabel\na\tb\n')), (e: unknown) => e instanceof LexnetError && /nosent\.tsv:1: the header must name a "sentence" column/.test(e.message));
});

test('classify predict on unlabelled data in every format; classify eval still needs labels', () => {
  const r = new Random(4);
  const rows = Array.from({ length: 120 }, () => (r.int(2) ? ['great lovely film', 'pos'] : ['awful dull plot', 'neg']));
  const train = writeTemp(dir, 'train.tsv', `sentence\tlabel\n${rows.map((x) => x.join('\t')).join('\n')}\n`);
  const model = join(dir, 'c.model');
  ok(['classify', 'train', '--train', train, '--out', model, '--kind', 'fasttext', '--dim', '8', '--epochs', '5', '--quiet']);
  const data = {
    sentence: writeTemp(dir, 'u.tsv', 'sentence\ngreat lovely film\nawful dull plot\n'),
    idAndSentence: writeTemp(dir, 'u2.tsv', 'id\tsentence\n1\tgreat lovely film\n2\tawful dull plot\n'),
    fastText: writeTemp(dir, 'u.txt', 'great lovely film\nawful dull plot\n'),
  };
  for (const [what, file] of Object.entries(data)) assert.equal(ok(['classify', 'predict', '--model', model, '--data', file]), 'pos\nneg\n', what);
  assert.equal(ok(['classify', 'predict', '--model', model, '--data', '-'], 'id\tsentence\n1\tgreat lovely film\n2\tawful dull plot\n'), 'pos\nneg\n');
  assert.equal(ok(['classify', 'predict', '--model', model, '--data', '-'], 'sentence\ngreat lovely film\nawful dull plot\n'), 'pos\nneg\n');
  assert.equal(ok(['classify', 'predict', '--model', model, '--data', '-'], 'great lovely film\nawful dull plot\n'), 'pos\nneg\n');
  const ev = lexnet(['classify', 'eval', '--model', model, '--data', data.sentence]);
  assert.equal(ev.status, 1);
  assert.match(ev.stderr, /u\.tsv:1: the header must name a "sentence" and a "label" column/);
});

test('predict ignores extra text columns (an id, a name) of a file with a header, as the README says', () => {
  const r = new Random(5);
  const lines = ['a,b,y'];
  for (let i = 0; i < 60; i++) { const a = r.normal(); lines.push(`${a},${r.normal()},${a > 0 ? 1 : 0}`); }
  const train = writeTemp(dir, 'num.csv', `${lines.join('\n')}\n`);
  const model = join(dir, 'num.json');
  ok(['fit', '--train', train, '--kind', 'logistic', '--out', model, '--quiet']);
  const data = writeTemp(dir, 'named.csv', 'id,name,b,a,note\nx1,alice,0.1,2.5,ok\nx2,bob,0.2,-2.5,"late, again"\n');
  assert.equal(ok(['predict', '--model', model, '--data', data]), '1\n0\n');
  // a feature the model uses must still be a number
  const bad = lexnet(['predict', '--model', model, '--data', writeTemp(dir, 'bad.csv', 'id,a,b\nx1,high,0.1\n')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad\.csv:2: column 2 \(a\) is not a number: "high"/);
  // fit --test too: extra columns of the test file are ignored
  const test2 = writeTemp(dir, 'test-named.csv', 'id,a,b,y\nx1,2,0.1,1\nx2,-2,0.3,0\n');
  ok(['fit', '--train', train, '--test', test2, '--kind', 'logistic', '--quiet']);
  const t = readTable(data, { numeric: ['a', 'b'] });
  assert.deepEqual([t.names, t.rows, t.data[2], t.data[3]], [['id', 'name', 'b', 'a', 'note'], 2, 0.1, 2.5]);
});
