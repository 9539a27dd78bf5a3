import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadClassifier } from '../src/classify/model-file.js';
import { LexnetError } from '../src/io/errors.js';
import { loadTabularModel } from '../src/io/model-file.js';
import { readTable } from '../src/io/table.js';
import { loadTagger } from '../src/tagger/model-file.js';
import { readConll } from '../src/text/conll.js';
import { readFastText, readLabelled, readLabelledTsv } from '../src/text/labelled.js';
import { readLines } from '../src/text/line-reader.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { writeModelFixtures } from './model-fixtures.js';

const dir = tempDir();
const models = writeModelFixtures(dir);

/** Asserts a LexnetError whose message matches (never a TypeError or RangeError). */
function refuses(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof LexnetError, `not a LexnetError: ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

test('an empty label is an error naming the line, not a new class', () => {
  refuses(() => readLabelledTsv(writeTemp(dir, 'e.tsv', 'sentence\tlabel\ngood film\tpos\nbad film\t \n')), /e.tsv:3: empty label$/);
  refuses(() => readLabelled(writeTemp(dir, 'e.tsv', 'sentence\tlabel\ngood film\tpos\nbad film\t\n')), /e.tsv:3: empty label$/);
  refuses(() => readFastText(writeTemp(dir, 'e.txt', '__label__pos good film\n__label__ bad film\n')), /e.txt:2: empty label \(__label__ without a name\)/);
  refuses(() => readLabelled(writeTemp(dir, 'e2.txt', '__label__pos __label__ good film\n')), /e2.txt:1: empty label/);
});

test('labelled TSV: a data row without the label column, and a header naming a column twice, are errors', () => {
  refuses(() => readLabelledTsv(writeTemp(dir, 'm.tsv', 'sentence\tlabel\ngood film\n')), /m.tsv:2: 1 column: no "label" \(column 2 in the header\)/);
  refuses(() => readLabelledTsv(writeTemp(dir, 'd.tsv', 'sentence\tlabel\tlabel\ngood film\tpos\tneg\n')), /d.tsv:1: the header names the column "label" twice/);
  const ok = readLabelledTsv(writeTemp(dir, 'crlf.tsv', '\ufeffsentence \tlabel\r\n\r\ngood film\tpos\r\n'));
  assert.deepEqual([ok.texts, ok.labels, ok.lines], [[['good', 'film']], ['pos'], [3]]);
});

test('CoNLL: every token line keeps the first line\'s columns; tag column 0 is refused', () => {
  refuses(() => readConll(writeTemp(dir, 'w.conll', 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nGerman JJ B-NP\n')), /w.conll:4: 3 columns, expected 4 as on line 1/);
  refuses(() => readConll(writeTemp(dir, 'c.conll', '# sent_id = 1\nEU B-ORG\n')), /c.conll:2: 2 columns, expected 4 as on line 1/);
  refuses(() => readConll(writeTemp(dir, 'z.conll', 'EU B-ORG\n'), { tagColumn: 0 }), /z.conll: the tag column cannot be 0/);
  const s = readConll(writeTemp(dir, 'u.conll', 'EU B-ORG\nrejects\n\r\n'), { allowUntagged: true });
  assert.deepEqual(s.map((x) => x.tags), [['B-ORG', '']]);
});

test('NUL bytes (binary or UTF-16 files) are refused with the line', () => {
  const utf16 = Buffer.from('sentence\tlabel\ngood\tpos\n', 'utf16le');
  refuses(() => readLabelledTsv(writeTemp(dir, 'u16.tsv', utf16)), /u16.tsv:1: NUL byte: this is not a UTF-8 text file/);
  refuses(() => readConll(writeTemp(dir, 'nul.conll', 'EU B-ORG\nre\0jects O\n')), /nul.conll:2: NUL byte/);
  refuses(() => [...readLines(writeTemp(dir, 'nul.txt', 'a\nb\n\0'))], /nul.txt:3: NUL byte/);
  refuses(() => readTable(writeTemp(dir, 'nul.csv', 'a,b\n1,2\n3,\0\n')), /nul.csv:3: NUL byte/);
});

test('tables: empty or repeated header names are errors; lone-CR line ends and blank CR lines are read', () => {
  refuses(() => readTable(writeTemp(dir, 'h.csv', 'x1,,y\n1,2,3\n')), /h.csv:1: empty column name in the header \(column 2\)/);
  refuses(() => readTable(writeTemp(dir, 'h2.csv', 'x,y,x\n1,2,3\n')), /h2.csv:1: the header has the column name "x" twice \(columns 1 and 3\)/);
  const t = readTable(writeTemp(dir, 'cr.csv', 'x,y\r1,2\r\r\n3,4\r'));
  assert.deepEqual([t.names, [...t.data], [...t.lines]], [['x', 'y'], [1, 2, 3, 4], [2, 4]]);
  assert.deepEqual(readTable(writeTemp(dir, 'bom.csv', '\ufeffx,y\n1,2\n')).names, ['x', 'y']);
});

/** Rewrites a model bundle's JSON header line, keeping the array bytes. */
function withHeader(path: string, name: string, edit: (h: Record<string, any>) => void): string {
  const b = readFileSync(path);
  const first = b.indexOf(10), second = b.indexOf(10, first + 1);
  const h = JSON.parse(b.subarray(first + 1, second).toString());
  edit(h);
  return writeTemp(dir, name, Buffer.concat([b.subarray(0, first + 1), Buffer.from(`${JSON.stringify(h)}\n`), b.subarray(second + 1)]));
}

test('model bundles with hostile array indexes give file: errors and allocate nothing', () => {
  refuses(() => loadTagger(withHeader(models.tagger, 'a1', (h) => { h.arrays = { W: 3 }; })), /a1:2: damaged header: "arrays" is not a list/);
  refuses(() => loadTagger(withHeader(models.tagger, 'a2', (h) => { h.arrays[0].length = -4; })), /a2:2: damaged header: array "word" has the length -4, not a whole number ≥ 0/);
  refuses(() => loadTagger(withHeader(models.tagger, 'a3', (h) => { h.arrays[0].length = 1.5; })), /a3:2: damaged header: array "word" has the length 1.5/);
  refuses(() => loadTagger(withHeader(models.tagger, 'a4', (h) => { h.arrays[0].length = 1e15; })), /a4: cut short in array "word"/);
  refuses(() => loadTagger(withHeader(models.tagger, 'a5', (h) => { h.arrays[1].type = 'f16'; })), /a5:2: damaged header: array "caps" has the unknown type "f16"/);
  refuses(() => loadTagger(withHeader(models.tagger, 'a6', (h) => { h.arrays.push(h.arrays[0]); })), /a6:2: damaged header: array "word" appears twice/);
  refuses(() => loadClassifier(withHeader(models.fasttext, 'a7', (h) => { h.arrays[0] = null; })), /a7:2: damaged header: array 1 has no name/);
  refuses(() => loadTagger(writeTemp(dir, 'a8', 'lexnet-tagger 1\n[1,2]\n')), /a8:2: the header is not a JSON object/);
  refuses(() => loadTagger(writeTemp(dir, 'a9', 'lexnet-tagger 1\n{"arrays":[]')), /a9:2: the header is cut short or damaged/);
});

test('a tagger header out of range or not matching its arrays is refused before the model is built', () => {
  refuses(() => loadTagger(withHeader(models.tagger, 't1', (h) => { h.config.hidden = -1; })), /t1:2: damaged model header: "config.hidden" is -1, expected a whole number ≥ 4/);
  refuses(() => loadTagger(withHeader(models.tagger, 't2', (h) => { h.config.hidden = 8; })), /t2: parameter "W" has 60 values but the header implies 120/);
  refuses(() => loadTagger(withHeader(models.tagger, 't3', (h) => { h.config.window = 4; })), /t3:2: damaged model header: "config.window" is 4, expected an odd number/);
  refuses(() => loadTagger(withHeader(models.tagger, 't4', (h) => { h.config.wordDim = '2'; })), /t4:2: damaged model header: "config.wordDim" is "2"/);
  refuses(() => loadTagger(withHeader(models.tagger, 't5', (h) => { delete h.tags; })), /t5:2: damaged model header: "tags" is missing, expected a list of strings/);
  refuses(() => loadTagger(withHeader(models.tagger, 't6', (h) => { h.words.push('cat'); })), /t6:2: damaged model header: "words\[2…\]" holds "cat" twice/);
  refuses(() => loadTagger(withHeader(models.tagger, 't7', (h) => { h.config = null; })), /t7:2: damaged model header: "config" is null, expected an object/);
  refuses(() => loadTagger(withHeader(models.tagger, 't8', (h) => { h.config.wordDim = 1e12; h.config.hidden = 2 ** 40; })), /t8: parameter "word" has 8 values but the header implies 4000000000000/);
  assert.equal(loadTagger(models.tagger).tagSentence(['the', 'cat']).length, 2);
});

test('a classifier header with wrong types, kinds or shapes is refused; damaged weights (NaN) too', () => {
  refuses(() => loadClassifier(withHeader(models.fasttext, 'c1', (h) => { h.kind = 'svm'; })), /c1:2: damaged model header: "kind" is "svm", expected one of average, fasttext, mlp, supervised/);
  refuses(() => loadClassifier(withHeader(models.fasttext, 'c2', (h) => { h.labels = 'pos'; })), /c2:2: damaged model header: "labels" is "pos", expected a list of strings/);
  refuses(() => loadClassifier(withHeader(models.fasttext, 'c3', (h) => { h.labels = ['neg', '']; })), /c3:2: damaged model header: "labels\[1\]" is "", expected a non-empty string/);
  refuses(() => loadClassifier(withHeader(models.fasttext, 'c4', (h) => { h.dim = 3; })), /c4: parameter "E" has 6 values but the header implies 9/);
  refuses(() => loadClassifier(withHeader(models.mlp, 'c5', (h) => { h.hidden = [5]; })), /c5: parameter "layer1.W" has 6 values but the header implies 10/);
  refuses(() => loadClassifier(withHeader(models.mlp, 'c6', (h) => { h.hidden = [-3]; })), /c6:2: damaged model header: "hidden\[0\]" is -3/);
  const b = readFileSync(models.fasttext);
  b.writeDoubleLE(NaN, b.length - 8);
  refuses(() => loadClassifier(writeTemp(dir, 'c7', b)), /c7: array "b" holds NaN at index 1: the model is damaged/);
  assert.equal(loadClassifier(models.mlp).kind, 'mlp');
  assert.equal(loadClassifier(models.fasttext).kind, 'fasttext');
});

/** Rewrites a tabular model's JSON. */
function withJson(path: string, name: string, edit: (m: Record<string, any>) => void): string {
  const m = JSON.parse(readFileSync(path, 'utf8'));
  edit(m);
  return writeTemp(dir, name, JSON.stringify(m));
}

test('a tabular model whose fields have wrong types, ranges or shapes is refused before the network is built', () => {
  refuses(() => loadTabularModel(withJson(models.tabular, 'm1', (m) => { m.spec.inputs = 1e9; })), /m1: damaged model header: "inputScaler.mean" has 2 values, expected 1000000000/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm2', (m) => { m.spec.hidden = [1e9]; })), /m2: parameter layer1.W is 2×3, but the spec implies 2×1000000000/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm3', (m) => { m.spec.hidden = 3; })), /m3: damaged model header: "spec.hidden" is 3, expected a list of whole numbers ≥ 1/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm4', (m) => { m.params['layer1.W'].data[0] = null; })), /m4: damaged model header: "params.layer1.W.data\[0\]" is null, expected a finite number/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm5', (m) => { m.inputScaler.std[1] = 0; })), /m5: damaged model header: "inputScaler.std\[1\]" is 0, expected a positive number/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm6', (m) => { m.classes = [0, 1]; })), /m6: damaged model header: "classes" has 2 values, expected 3/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm7', (m) => { m.featureNames = ['x1']; })), /m7: damaged model header: "featureNames" has 1 names for 2 inputs/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm8', (m) => { m.spec.activation = 'gelu'; })), /m8: damaged model header: "spec.activation" is "gelu"/);
  refuses(() => loadTabularModel(withJson(models.regressor, 'm9', (m) => { m.targetScaler = { mean: [1], std: 'x' }; })), /m9: damaged model header: "targetScaler.std" is "x"/);
  refuses(() => loadTabularModel(writeTemp(dir, 'm10', '[]')), /m10: not a lexnet tabular model \(format missing\)/);
  const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
  refuses(() => loadTabularModel(writeTemp(dir, 'm12', `{"format":"lexnet-tabular-model","version":1,"spec":${deep}}`)), /m12: damaged model header: "spec" is a list of 1, expected an object/);
  refuses(() => loadTagger(writeTemp(dir, 'm13', `lexnet-tagger 1\n{"config":${deep},"arrays":[]}\n`)), /m13:2: damaged model header: "config" is a list of 1/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm11', (m) => { m.params = null; })), /m11: damaged model header: "params" is null, expected an object/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm14', (m) => { m.labelColumn = -1; })), /m14: damaged model header: "labelColumn" is -1, expected a whole number ≥ 0/);
  refuses(() => loadTabularModel(withJson(models.tabular, 'm15', (m) => { m.labelName = 7; })), /m15: damaged model header: "labelName" is 7, expected a string/);
  assert.equal(loadTabularModel(models.tabular).spec.kind, 'mlp');
  assert.equal(loadTabularModel(models.regressor).spec.kind, 'regressor');
});

test('the CLI reports reader errors as lexnet: file…: problem with exit status 1', () => {
  const cases: [string[], RegExp][] = [
    [['similar', writeTemp(dir, 'cli.bin', '2 2\nthe 0.1 0.2\ncat 1 2\n'), 'the'], /^lexnet: .*cli.bin: looks like a text vector file; name it .txt or .vec\n$/],
    [['similar', writeTemp(dir, 'cli-words.txt', 'the\ncat\n'), 'the'], /^lexnet: .*cli-words.txt:1: no vector values after "the": is this a word list\?/],
    [['tagger', 'eval', '--model', withHeader(models.tagger, 'cli.tagger', (h) => { h.config.hidden = -1; }), '--data', writeTemp(dir, 'cli.conll', 'EU B-ORG\n')],
      /^lexnet: .*cli.tagger:2: damaged model header: "config.hidden" is -1/],
  ];
  for (const [args, message] of cases) {
    const r = lexnet(args);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, message);
  }
});
