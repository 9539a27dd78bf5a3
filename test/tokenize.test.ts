// Issue 20: one Unicode-aware, case-preserving tokenizer; the split each model was trained with
// is recorded in its file and applied at prediction; older files keep their white-space split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tokenize, trainClassifier, trainTagger, loadClassifier, loadTagger, readLabelledTsv, type TaggedSentence } from '../src/index.js';
import { lexnet, tempDir } from './cli.js';

test('tokenize splits punctuation off words, keeps case, and keeps U.S., don\'t, 3.5 and URLs whole', () => {
  assert.deepEqual(tokenize('This movie was GREAT!'), ['This', 'movie', 'was', 'GREAT', '!']);
  assert.deepEqual(tokenize('He moved to New York.'), ['He', 'moved', 'to', 'New', 'York', '.']);
  assert.deepEqual(tokenize('The U.S. grew 3.5% (1,000 jobs) at 10:30.'), ['The', 'U.S.', 'grew', '3.5', '%', '(', '1,000', 'jobs', ')', 'at', '10:30', '.']);
  assert.deepEqual(tokenize("I don't like O'Neil's state-of-the-art café — naïve 😀!"), ['I', "don't", 'like', "O'Neil's", 'state-of-the-art', 'café', '—', 'naïve', '😀', '!']);
  assert.deepEqual(tokenize('See https://example.com/a?b=1. Then "go".'), ['See', 'https://example.com/a?b=1', '.', 'Then', '"', 'go', '"', '.']);
  assert.deepEqual(tokenize('Ünïcödé STRASSE', { lowercase: true }), ['ünïcödé', 'strasse']);
  assert.deepEqual(tokenize(' \t\n'), []);
});

test('property: the tokens hold every character that is not white space, in order, and no white space', () => {
  const text = fc.string({ unit: fc.constantFrom(...'aZé9.,\'’-!? \t\nU.S:/😀\u0301东'.split(''), 'http://x.y', "n't", '3.5'), maxLength: 60 });
  fc.assert(fc.property(text, fc.boolean(), (t, lowercase) => {
    const tokens = tokenize(t);
    assert.equal(tokens.join(''), t.replace(/\s+/g, ''));
    for (const tok of tokens) assert.ok(tok.length > 0 && !/\s/.test(tok), JSON.stringify(tok));
    assert.deepEqual(tokenize(t, { lowercase }), lowercase ? tokens.map((x) => x.toLowerCase()) : tokens);
  }), { numRuns: 500 });
});

const reviews = [
  { text: 'a great film', label: 'pos' }, { text: 'great acting', label: 'pos' }, { text: 'I loved it', label: 'pos' },
  { text: 'a dull film', label: 'neg' }, { text: 'bad acting', label: 'neg' }, { text: 'I hated it', label: 'neg' },
];

test('a classifier trained from strings splits a string at prediction as at training, also after save and load', async () => {
  const clf = await trainClassifier(reviews, null, { epochs: 60, learningRate: 0.5, dim: 8, seed: 1 });
  assert.deepEqual(clf.tokenize('This movie was great!'), ['This', 'movie', 'was', 'great', '!']);
  assert.equal(clf.predict('This movie was great!').label, 'pos'); // "great!" was one unknown token
  const again = await loadClassifier(clf.toBytes());
  assert.equal(again.predict('This movie was great!').label, 'pos');
  assert.ok(Math.abs(again.predict('This movie was great!').probabilities.pos! - clf.predict('This movie was great!').probabilities.pos!) < 1e-6);
  assert.deepEqual(again.tokenize('This movie was great!'), clf.tokenize('This movie was great!'));
  // lowercase is recorded too: GREAT is great at prediction
  const low = await trainClassifier(reviews, null, { epochs: 60, learningRate: 0.5, dim: 8, seed: 1, lowercase: true });
  const loaded = await loadClassifier(low.toBytes());
  assert.deepEqual(loaded.tokenize('This movie was GREAT!'), ['this', 'movie', 'was', 'great', '!']);
  assert.equal(loaded.predict('This movie was GREAT!').label, 'pos');
  assert.deepEqual(loaded.predict(['GREAT']), loaded.predict(['great'])); // token arrays are lower-cased, never split
});

test('a classifier trained from a file read as tokens, and one saved before the tokenizer, split at white space', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'train.tsv'), 'sentence\tlabel\n' + reviews.map((r) => `${r.text}\t${r.label}`).join('\n') + '\n');
  const clf = await trainClassifier(readLabelledTsv(join(dir, 'train.tsv')), null, { epochs: 5, dim: 8, seed: 1 });
  assert.deepEqual(clf.tokenize('was great!'), ['was', 'great!']);
  // an older file: no "text" field in its header
  await clf.save(join(dir, 'c.model'));
  const bytes = readFileSync(join(dir, 'c.model'));
  const text = bytes.toString('latin1');
  assert.match(text, /"text":\{"tokenizer":"whitespace","lowercase":false\}/);
  const fromString = await trainClassifier(reviews, null, { epochs: 5, dim: 8, seed: 1 });
  await fromString.save(join(dir, 'd.model'));
  const old = Buffer.from(readFileSync(join(dir, 'd.model')).toString('latin1').replace(/,"text":\{"tokenizer":"words-1","lowercase":false\}/, ''), 'latin1');
  assert.notDeepEqual(old, readFileSync(join(dir, 'd.model')));
  assert.deepEqual((await loadClassifier(old)).tokenize('was great!'), ['was', 'great!']);
  // a damaged record is refused by name
  const bad = Buffer.from(readFileSync(join(dir, 'd.model')).toString('latin1').replace('"words-1"', '"words-9"'), 'latin1');
  await assert.rejects(loadClassifier(bad), /text\.tokenizer/);
});

test('a tagger splits a string with the tokenizer ("York." is two tokens); older files split at white space', async () => {
  const train: TaggedSentence[] = [];
  for (const name of ['John', 'Mary']) for (const place of ['Paris', 'York']) {
    train.push({ words: [name, 'lives', 'in', place, '.'], tags: ['B-PER', 'O', 'O', 'B-LOC', 'O'] });
  }
  const tagger = await trainTagger(train, null, { epochs: 5, threads: 1, seed: 1, config: { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 4 } });
  assert.deepEqual(tagger.tokenize('Mary lives in York.'), ['Mary', 'lives', 'in', 'York', '.']);
  assert.equal(tagger.tag('Mary lives in York.').length, 5);
  assert.deepEqual(tagger.tag('Mary lives in York.'), tagger.tag(['Mary', 'lives', 'in', 'York', '.']));
  const loaded = await loadTagger(tagger.toBytes());
  assert.deepEqual(loaded.tokenize('Mary lives in York.'), ['Mary', 'lives', 'in', 'York', '.']);
  const old = Buffer.from(Buffer.from(tagger.toBytes()).toString('latin1').replace(/,"text":\{"tokenizer":"words-1","lowercase":false\}/, ''), 'latin1');
  assert.deepEqual((await loadTagger(old)).tokenize('Mary lives in York.'), ['Mary', 'lives', 'in', 'York.']);
});

test('CLI: tagger tag and classify predict split plain lines as the model records; --tokenized splits at white space only', async () => {
  const dir = tempDir();
  const train: TaggedSentence[] = [];
  for (const name of ['John', 'Mary']) for (const place of ['Paris', 'York']) train.push({ words: [name, 'lives', 'in', place, '.'], tags: ['B-PER', 'O', 'O', 'B-LOC', 'O'] });
  const tagger = await trainTagger(train, null, { epochs: 5, threads: 1, seed: 1, config: { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 4 } });
  await tagger.save(join(dir, 'ner.model'));
  const tagged = lexnet(['tagger', 'tag', '--model', join(dir, 'ner.model'), '--json'], 'Mary lives in York.\n');
  assert.equal(tagged.status, 0, tagged.stderr);
  assert.deepEqual(JSON.parse(tagged.stdout).sentences[0].words, ['Mary', 'lives', 'in', 'York', '.']);
  const asIs = lexnet(['tagger', 'tag', '--model', join(dir, 'ner.model'), '--tokenized', '--json'], 'Mary lives in York.\n');
  assert.equal(asIs.status, 0, asIs.stderr);
  assert.deepEqual(JSON.parse(asIs.stdout).sentences[0].words, ['Mary', 'lives', 'in', 'York.']);

  const clf = await trainClassifier(reviews, null, { epochs: 60, learningRate: 0.5, dim: 8, seed: 1, lowercase: true });
  await clf.save(join(dir, 'c.model'));
  const predicted = lexnet(['classify', 'predict', '--model', join(dir, 'c.model'), '--data', '-', '--probabilities', '--json'], 'This movie was GREAT!\n');
  assert.equal(predicted.status, 0, predicted.stderr);
  const p = JSON.parse(predicted.stdout) as { predictions: string[]; probabilities: Record<string, number>[] };
  assert.deepEqual(p.predictions, ['pos']);
  assert.ok(Math.abs(p.probabilities[0]!.pos! - clf.predict('This movie was GREAT!').probabilities.pos!) < 1e-6);
  const tokenized = lexnet(['classify', 'predict', '--model', join(dir, 'c.model'), '--data', '-', '--tokenized', '--probabilities', '--json'], 'This movie was GREAT!\n');
  assert.equal(tokenized.status, 0, tokenized.stderr);
  const q = JSON.parse(tokenized.stdout) as { probabilities: Record<string, number>[] };
  assert.ok(Math.abs(q.probabilities[0]!.pos! - clf.predict(['this', 'movie', 'was', 'great!']).probabilities.pos!) < 1e-6);
});
