// Interop with the real fastText (Debian's `fasttext`, 0.9.2) and gensim's load_facebook_model:
// models fastText trains are read by lexnet with the same vectors, and models lexnet writes are
// read by both. Each test is skipped with a message when its tool is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadFastTextModel, mostSimilar, readVectors, trainWord2vec, subwordBuckets, subwordStrings, vectorsModel, WordVectors, writeFastTextModel, type SubwordVectors,
} from '../src/index.js';
import { lexnet, tempDir } from './cli.js';

const FASTTEXT = 'fasttext';
const PYTHON = '/usr/bin/python3';
const hasFastText = spawnSync(FASTTEXT, ['print-word-vectors'], { encoding: 'utf8' }).error === undefined;
const hasGensim = spawnSync(PYTHON, ['-c', 'import gensim.models.fasttext'], { encoding: 'utf8' }).status === 0;
const noFastText = hasFastText ? false : 'the fasttext tool is not installed (apt-get install fasttext)';
const noGensim = hasGensim ? false : `gensim is not importable by ${PYTHON} (apt-get install python3-gensim)`;

const dir = tempDir();

/** A corpus of made-up words from a few syllables (some non-ASCII), so n-grams are shared. */
function corpus(): string {
  let s = 7;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const syl = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'él', 'zü', 'щи'];
  const words = Array.from({ length: 50 }, () => Array.from({ length: 1 + rnd(3) }, () => syl[rnd(syl.length)]).join(''));
  return Array.from({ length: 300 }, () => Array.from({ length: 12 }, () => words[rnd(words.length)]).join(' ')).join('\n') + '\n';
}

const QUERIES = ['</s>', 'zzzunseen', 'kaélzü', 'щищи', 'x', 'Ka'];

/** `fasttext print-word-vectors` for the words: word → vector. */
function fastTextVectors(model: string, words: readonly string[]): Map<string, number[]> {
  const r = spawnSync(FASTTEXT, ['print-word-vectors', model], { input: words.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return new Map(r.stdout.trim().split('\n').map((line) => {
    const [w, ...xs] = line.trim().split(' ');
    return [w!, xs.map(Number)];
  }));
}

/** Same within what fastText prints (5 significant digits) and float32. */
function near(actual: ArrayLike<number>, wanted: readonly number[], what: string): void {
  assert.equal(actual.length, wanted.length, what);
  for (let j = 0; j < wanted.length; j++) {
    assert.ok(Math.abs(actual[j]! - wanted[j]!) <= 1e-5 + 1e-4 * Math.abs(wanted[j]!), `${what}, value ${j + 1}: ${actual[j]} vs ${wanted[j]}`);
  }
}

let trained = '';
function trainedModel(): string {
  if (trained) return trained;
  const text = join(dir, 'corpus.txt');
  writeFileSync(text, corpus());
  const out = join(dir, 'ft');
  const r = spawnSync(FASTTEXT, ['skipgram', '-input', text, '-output', out, '-minn', '3', '-maxn', '6', '-bucket', '1000', '-dim', '10', '-epoch', '3', '-lr', '0.5', '-minCount', '1', '-thread', '1', '-verbose', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return (trained = `${out}.bin`);
}

test('a model fastText trains reads with the same vectors as print-word-vectors, known and unknown words', { skip: noFastText }, () => {
  const model = trainedModel();
  const v = readVectors(model) as SubwordVectors;
  assert.ok(v.hasSubwords);
  const words = [...v.words.slice(0, 20), ...QUERIES];
  const want = fastTextVectors(model, words);
  for (const w of words) near(v.vector(w), want.get(w)!, w);
  // --limit keeps the first words and all buckets: later words are then composed from n-grams only
  const few = readVectors(model, { limit: 5 });
  assert.equal(few.size, 5);
  for (const w of v.words.slice(0, 5)) near(few.vector(w)!, want.get(w)!, w);
  // the whole model reads and writes back byte for byte
  const copy = join(dir, 'copy.bin');
  writeFastTextModel(copy, loadFastTextModel(model));
  assert.equal(spawnSync('cmp', [model, copy]).status, 0);
});

test('n-grams and their buckets are fastText\'s (print-ngrams)', { skip: noFastText }, () => {
  const model = trainedModel();
  const m = loadFastTextModel(model);
  const { minn, maxn, bucket, dim } = m.args;
  for (const word of ['kaélzü', 'щищи', 'zzzunseen']) {
    const r = spawnSync(FASTTEXT, ['print-ngrams', model, word], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => l.trim().split(' '));
    assert.deepEqual(lines.map((l) => l[0]), subwordStrings(word, { minn, maxn }));
    subwordBuckets(word, { minn, maxn, bucket }).forEach((b, k) => {
      const row = m.input.data.subarray((m.dictionary.nwords + b) * dim, (m.dictionary.nwords + b + 1) * dim);
      near(row, lines[k]!.slice(1).map(Number), `n-gram ${lines[k]![0]}`);
    });
  }
});

test('nearest neighbours of an unseen word are those of fasttext nn', { skip: noFastText }, () => {
  const model = trainedModel();
  const r = spawnSync(FASTTEXT, ['nn', model, '5'], { input: 'kaélzüx\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const want = r.stdout.replace(/Query word\? /g, '').trim().split('\n').map((l) => l.split(' ')[0]);
  assert.deepEqual(mostSimilar(readVectors(model), ['kaélzüx'], [], { topn: 5 }).map((n) => n.word), want);
  const cli = lexnet(['similar', model, 'kaélzüx', '--topn', '5']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(cli.stdout.trim().split('\n').map((l) => l.split('\t')[0]), want);
});

/** Word vectors without subwords, and the trained model's n-grams with new word rows. */
function lexnetModels(): { plain: string; words: WordVectors; subword: string } {
  const words = new WordVectors(['the', 'cat', 'él', 'щи'], 3, Float32Array.from([1, 2, 3, 0.5, -1, 2, 0, 0.25, 1, -3, 2, 1]));
  const plain = join(dir, 'lexnet-plain.bin');
  writeFastTextModel(plain, vectorsModel(words));
  const subword = join(dir, 'lexnet-subword.bin');
  if (hasFastText) {
    const m = loadFastTextModel(trainedModel());
    for (let k = 0; k < m.dictionary.nwords * m.args.dim; k++) m.input.data[k] = Math.sin(k) / 10;
    writeFastTextModel(subword, m);
  }
  return { plain, words, subword };
}

test('fastText reads the models lexnet writes, with lexnet\'s vectors', { skip: noFastText }, () => {
  const { plain, words, subword } = lexnetModels();
  const want = fastTextVectors(plain, ['the', 'cat', 'él', 'щи', 'dog']);
  for (const w of words.words) near(words.vector(w)!, want.get(w)!, w);
  assert.deepEqual(want.get('dog'), [0, 0, 0]);
  const v = readVectors(subword);
  const got = fastTextVectors(subword, [...v.words.slice(0, 10), ...QUERIES]);
  for (const [w, x] of got) near(v.vector(w)!, x, w);
  const nn = spawnSync(FASTTEXT, ['nn', plain, '2'], { input: 'the\n', encoding: 'utf8' });
  assert.equal(nn.status, 0, nn.stderr);
  assert.match(nn.stdout, /cat|él|щи/);
});

test('gensim\'s load_facebook_model reads the models lexnet writes, with the same vectors', { skip: noGensim }, () => {
  const { plain, words, subword } = lexnetModels();
  const script = [
    'import sys, json',
    'from gensim.models.fasttext import load_facebook_model',
    'm = load_facebook_model(sys.argv[1])',
    'out = {}',
    'for w in sys.argv[2:]:',
    '    try: out[w] = [float(x) for x in m.wv[w]]',
    '    except KeyError: out[w] = None',
    'print(json.dumps(out))',
  ].join('\n');
  const gensim = (file: string, ws: readonly string[]) => {
    const r = spawnSync(PYTHON, ['-c', script, file, ...ws], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number[] | null>;
  };
  const g = gensim(plain, [...words.words, 'dog']);
  for (const w of words.words) near(words.vector(w)!, g[w]!, w);
  assert.equal(g.dog, null); // no n-grams: gensim has no vector for an unknown word
  if (!hasFastText) return;
  const v = readVectors(subword);
  // gensim gives </s> n-grams as if it were a word, fastText does not: it is left out
  const ws = [...v.words.slice(0, 10), ...QUERIES].filter((w) => w !== '</s>');
  const gs = gensim(subword, ws);
  for (const w of ws) near(v.vector(w)!, gs[w]!, w);
});

test('a supervised model reads with print-word-vectors\' vectors; its quantized .ftz is refused with the reason', { skip: noFastText }, () => {
  const text = join(dir, 'labelled.txt');
  writeFileSync(text, corpus().trim().split('\n').map((line, i) => `__label__${i % 2} ${line}`).join('\n') + '\n');
  const out = join(dir, 'sup');
  const run = (args: string[]) => {
    const r = spawnSync(FASTTEXT, args, { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  run(['supervised', '-input', text, '-output', out, '-dim', '8', '-epoch', '2', '-minn', '2', '-maxn', '4', '-bucket', '500', '-wordNgrams', '2', '-thread', '1', '-verbose', '0']);
  const v = readVectors(`${out}.bin`);
  assert.ok(v.hasSubwords);
  assert.ok(!v.words.some((w) => w.startsWith('__label__')));
  const words = [...v.words.slice(0, 5), ...QUERIES];
  const want = fastTextVectors(`${out}.bin`, words);
  for (const w of words) near(v.vector(w)!, want.get(w)!, w);
  assert.equal(loadFastTextModel(`${out}.bin`).output.rows, 2);
  run(['quantize', '-input', text, '-output', out, '-dsub', '2', '-thread', '1', '-verbose', '0']);
  assert.throws(() => readVectors(`${out}.ftz`), /quantized fastText model \(\.ftz\) has no word vectors to read: use the \.bin it was quantized from, or loadFastTextClassifier/);
});

test('a model trained on text that is not UTF-8 (Latin-1) gives fastText\'s vectors, and writes back byte for byte', { skip: noFastText }, () => {
  const text = join(dir, 'latin1.txt');
  const line = Buffer.from('caf\xe9 na\xefve d\xe9j\xe0 vu caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1');
  writeFileSync(text, Buffer.concat(Array.from({ length: 50 }, () => line)));
  const out = join(dir, 'latin1');
  const r = spawnSync(FASTTEXT, ['skipgram', '-input', text, '-output', out, '-minn', '2', '-maxn', '4', '-bucket', '300', '-dim', '6', '-epoch', '2', '-minCount', '1', '-thread', '1', '-verbose', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const p = spawnSync(FASTTEXT, ['print-word-vectors', `${out}.bin`], { input: Buffer.from('caf\xe9\n', 'latin1') });
  assert.equal(p.status, 0, p.stderr.toString());
  const want = p.stdout.toString('latin1').trim().split(' ').slice(1).map(Number);
  near(readVectors(`${out}.bin`).vector('caf\uFFFD')!, want, 'caf\\xe9');
  const copy = join(dir, 'latin1-copy.bin');
  writeFastTextModel(copy, loadFastTextModel(`${out}.bin`));
  assert.equal(spawnSync('cmp', [`${out}.bin`, copy]).status, 0);
});

test('word2vec vectors lexnet trains, written as a fastText model with their counts, are fastText\'s word vectors', { skip: noFastText }, async () => {
  const sentences = corpus().trim().split('\n').map((l) => l.split(' '));
  const { vectors, vocab } = await trainWord2vec(sentences, { dim: 8, epochs: 1, minCount: 1, threads: 1, seed: 1, quiet: true });
  const file = join(dir, 'word2vec.bin');
  writeFastTextModel(file, vectorsModel(vectors, { counts: vocab.counts }));
  const m = loadFastTextModel(file);
  assert.deepEqual(m.dictionary.entries.slice(0, 3).map((e) => e.count), Array.from(vocab.counts.subarray(0, 3)));
  assert.equal(m.dictionary.ntokens, vocab.totalCount);
  const want = fastTextVectors(file, vectors.words.slice(0, 10));
  for (const w of vectors.words.slice(0, 10)) near(vectors.vector(w)!, want.get(w)!, w);
});

test('a cbow model fastText trains reads with print-word-vectors\' vectors', { skip: noFastText }, () => {
  const text = join(dir, 'cbow-corpus.txt');
  writeFileSync(text, corpus());
  const out = join(dir, 'cbow');
  const r = spawnSync(FASTTEXT, ['cbow', '-input', text, '-output', out, '-minn', '2', '-maxn', '5', '-bucket', '700', '-dim', '12', '-epoch', '2', '-minCount', '2', '-thread', '1', '-verbose', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const v = readVectors(`${out}.bin`);
  const words = [...v.words.slice(0, 10), ...QUERIES];
  const want = fastTextVectors(`${out}.bin`, words);
  for (const w of words) near(v.vector(w)!, want.get(w)!, w);
});
