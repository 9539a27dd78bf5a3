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

// Issue 20, the files: SST-2 and CoNLL-2003 are written in Penn Treebank tokens (`it 's`, `does n't`,
// `-lrb-`), lower-cased in SST-2; a model trained on such a file records it and splits raw text alike.
import { treebankTokenize, looksTreebank } from '../src/text/tokenize.js';

test('treebankTokenize splits clitics, punctuation and brackets as the Treebank does, and keeps Treebank-tokenized text as it is', () => {
  assert.deepEqual(treebankTokenize("It's not good."), ['It', "'s", 'not', 'good', '.']);
  assert.deepEqual(treebankTokenize('This movie was GREAT!', { lowercase: true }), ['this', 'movie', 'was', 'great', '!']);
  assert.deepEqual(treebankTokenize("He doesn't (really) like \"Mr. Lopez\" -- can't he? I’m sure…"),
    ['He', 'does', "n't", '-LRB-', 'really', '-RRB-', 'like', '``', 'Mr.', 'Lopez', "''", '--', 'ca', "n't", 'he', '?', 'I', "'m", 'sure', '...']);
  assert.deepEqual(treebankTokenize('(see "it")', { escapes: false }), ['(', 'see', '"', 'it', '"', ')']);
  assert.deepEqual(treebankTokenize('a writer/director in the U.S. paid $3.50 for 1,000 sci-fi r&b ***'), ['a', 'writer\\/director', 'in', 'the', 'U.S.', 'paid', '$', '3.50', 'for', '1,000', 'sci-fi', 'r&b', '\\*\\*\\*']);
  assert.deepEqual(treebankTokenize('Mary lives in York.'), ['Mary', 'lives', 'in', 'York', '.']);
  // lines as SST-2 and CoNLL-2003 write them come back unchanged
  for (const line of [
    "they presume their audience wo n't sit still for a sociology lesson , however entertainingly presented .",
    "jonathan parker 's bartleby should have been the be-all-end-all of the modern-office anomie films .",
    "for something as splendid-looking as this , the viewer gets -lrb- sci-fi -rrb- rehash ... `` really '' -- 1\\/2 .",
    "as patient as mr. lopez himself , who approaches his work with serenity and discipline in the '70s .",
    '1. Seles ( U.S. ) 6-3 7-5 , 10:30 , +44 171 , .500 , 1996-08-28',
  ]) {
    assert.deepEqual(treebankTokenize(line, { escapes: !line.includes('( U.S. )') }), line.split(' '), line);
  }
  assert.equal(looksTreebank([["it", "'s", 'good'], ['does', "n't", 'work']]), true);
  assert.equal(looksTreebank([["it's", 'good'], ["doesn't", 'work', '!']]), false);
});

test('property: treebankTokenize without escapes holds every character that is not white space, in order', () => {
  const text = fc.string({ unit: fc.constantFrom(...'aZé9.,\'’-!?()" \t\nU.S:/*&$😀\u0301'.split(''), "n't", "'s", 'mr. ', '3.5', '...', '--'), maxLength: 60 });
  fc.assert(fc.property(text, (t) => {
    const tokens = treebankTokenize(t, { escapes: false });
    assert.equal(tokens.join(''), t.replace(/\s+/g, '').replace(/’/g, "'"));
    for (const tok of tokens) assert.ok(tok.length > 0 && !/\s/.test(tok), JSON.stringify(tok));
    // Treebank tokens joined by spaces split into themselves
    assert.deepEqual(treebankTokenize(tokens.join(' '), { escapes: false }), tokens);
  }), { numRuns: 500 });
});

/** A small SST-2-like training file: lower-cased, Treebank-tokenized. */
function sstLike(): string {
  const pos = ["it 's a great film .", 'the acting is great -lrb- really -rrb- .', "i loved it , it 's wonderful .", 'a great , moving story .', "you 'll love this great cast ."];
  const neg = ["it 's not good .", "the film does n't work .", 'a dull , bad movie .', "i hated it -- it 's awful .", "the plot is n't good at all ."];
  const lines = ['sentence\tlabel'];
  for (let r = 0; r < 4; r++) for (let i = 0; i < pos.length; i++) lines.push(`${pos[i]}\t1`, `${neg[i]}\t0`);
  return lines.join('\n') + '\n';
}

test('CLI: classify train on Treebank-tokenized, lower-cased lines records ptb-1 and lower case; raw text is split the same way at prediction', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'train.tsv'), sstLike());
  const model = join(dir, 'sst.model');
  const trained = lexnet(['classify', 'train', '--train', join(dir, 'train.tsv'), '--epochs', '30', '--dim', '8', '--out', model]);
  assert.equal(trained.status, 0, trained.stderr);
  assert.match(trained.stdout, /Treebank tokens \(ptb-1\), lower-cased/);
  assert.match(readFileSync(model).toString('latin1'), /"text":\{"tokenizer":"ptb-1","lowercase":true,"escapes":true\}/);
  const clf = await loadClassifier(model);
  assert.deepEqual(clf.tokenize("It's not good."), ['it', "'s", 'not', 'good', '.']);
  assert.deepEqual(clf.tokenize('This movie was GREAT!'), ['this', 'movie', 'was', 'great', '!']);
  assert.deepEqual(clf.tokenize('(really)'), ['-lrb-', 'really', '-rrb-']);
  assert.equal(clf.predict('This movie was GREAT!').label, '1');
  assert.equal(clf.predict("It's not good.").label, '0');
  const predicted = lexnet(['classify', 'predict', '--model', model, '--data', '-'], "This movie was GREAT!\nIt's not good.\n");
  assert.equal(predicted.status, 0, predicted.stderr);
  assert.deepEqual(predicted.stdout.trim().split('\n'), ['1', '0']);
  // a TSV of raw sentences is split by the model's tokenizer too, and so is a JSON Lines "text"
  writeFileSync(join(dir, 'raw.tsv'), "sentence\tlabel\nThis movie was GREAT!\t1\nIt's not good.\t0\n");
  const evaluated = lexnet(['classify', 'eval', '--model', model, '--data', join(dir, 'raw.tsv'), '--json']);
  assert.equal(evaluated.status, 0, evaluated.stderr);
  assert.equal(JSON.parse(evaluated.stdout).accuracy, 1);
  const jsonl = lexnet(['classify', 'predict', '--model', model, '--data', '-', '--format', 'jsonl'], '{"id":1,"text":"This movie was GREAT!"}\n');
  assert.equal(jsonl.status, 0, jsonl.stderr);
  assert.equal(JSON.parse(jsonl.stdout).label, '1');
  // --tokenizer and --no-lowercase choose for themselves
  const asIs = join(dir, 'ws.model');
  const ws = lexnet(['classify', 'train', '--train', join(dir, 'train.tsv'), '--epochs', '2', '--dim', '8', '--tokenizer', 'whitespace', '--no-lowercase', '--out', asIs]);
  assert.equal(ws.status, 0, ws.stderr);
  assert.deepEqual((await loadClassifier(asIs)).tokenize("It's GREAT!"), ["It's", 'GREAT!']);
  const wrong = lexnet(['classify', 'train', '--train', join(dir, 'train.tsv'), '--tokenizer', 'spaces', '--out', asIs]);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /--tokenizer/);
});

test('the library: trainClassifier on a Treebank-tokenized file detects it; the tokenizer option splits strings given in code', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'train.tsv'), sstLike());
  const clf = await trainClassifier(readLabelledTsv(join(dir, 'train.tsv')), null, { epochs: 30, dim: 8, seed: 1 });
  assert.deepEqual(clf.tokenize("It's GREAT!"), ['it', "'s", 'great', '!']);
  assert.equal(clf.predict('This movie was GREAT!').label, '1');
  const given = await trainClassifier(reviews, null, { epochs: 5, dim: 8, seed: 1, tokenizer: 'ptb' });
  assert.deepEqual(given.tokenize("I don't (really)"), ['I', 'do', "n't", '-LRB-', 'really', '-RRB-']);
  await assert.rejects(trainClassifier(reviews, null, { tokenizer: 'spaces' as 'ptb' }), /tokenizer/);
});

test('CLI: a tagger trained on Treebank-tokenized CoNLL splits raw text into Treebank tokens ("York." → York ., "doesn\'t" → does n\'t)', async () => {
  const dir = tempDir();
  const rows: string[] = [];
  for (const name of ['John', 'Mary']) for (const place of ['Paris', 'York']) {
    for (const [w, t] of [[name, 'B-PER'], ['does', 'O'], ["n't", 'O'], ['live', 'O'], ['in', 'O'], [place, 'B-LOC'], ['(', 'O'], ['again', 'O'], [')', 'O'], ['.', 'O']]) rows.push(`${w} X ${t}`);
    rows.push('');
  }
  writeFileSync(join(dir, 'train.txt'), rows.join('\n'));
  const model = join(dir, 'ner.model');
  const trained = lexnet(['tagger', 'train', '--train', join(dir, 'train.txt'), '--epochs', '2', '--threads', '1', '--dim', '8', '--hidden', '8', '--out', model]);
  assert.equal(trained.status, 0, trained.stderr);
  const tagged = lexnet(['tagger', 'tag', '--model', model, '--json'], "Mary doesn't live in York.\n");
  assert.equal(tagged.status, 0, tagged.stderr);
  assert.deepEqual(JSON.parse(tagged.stdout).sentences[0].words, ['Mary', 'does', "n't", 'live', 'in', 'York', '.']);
  assert.deepEqual((await loadTagger(model)).tokenize('(Paris)'), ['(', 'Paris', ')']); // brackets as the training file writes them
  // JSON Lines records split "text" as the model records; --tokenized has no say there ("tokens" is pre-tokenized input)
  const jsonl = lexnet(['tagger', 'tag', '--model', model, '--format', 'jsonl'], '{"id":1,"text":"Mary doesn\'t live in York."}\n');
  assert.equal(jsonl.status, 0, jsonl.stderr);
  assert.deepEqual(JSON.parse(jsonl.stdout).tokens, ['Mary', 'does', "n't", 'live', 'in', 'York', '.']);
  const refused = lexnet(['tagger', 'tag', '--model', model, '--format', 'jsonl', '--tokenized'], '{"id":1,"text":"York."}\n');
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--tokenized has no effect here/);
  const words = join(dir, 'words.model');
  assert.equal(lexnet(['tagger', 'train', '--train', join(dir, 'train.txt'), '--epochs', '1', '--threads', '1', '--dim', '8', '--hidden', '8', '--tokenizer', 'words', '--out', words]).status, 0);
  assert.deepEqual((await loadTagger(words)).tokenize("doesn't"), ["doesn't"]);
});
