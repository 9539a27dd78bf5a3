// A hostile reviewer's inputs, one test per class of defect found (issue 10): each must give the
// right answer or `lexnet: problem` with exit status 1 (bad input) or 2 (a usage error: bad
// options, as argparse and commander use it), never 70 (an internal error), and never touch an input file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { divergenceMessage } from '../src/train/divergence.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const dir = tempDir();

/** Two separable classes `y,x1,x2`, label first. */
const table = ['y,x1,x2', ...Array.from({ length: 60 }, (_, i) => `${i % 2},${(i % 2 ? 1 : -1) + (i % 7) / 10},${(i % 5) / 10}`)].join('\n') + '\n';
const words = ['the', 'cat', 'dog', 'sat', 'on', 'mat', 'a', 'red', 'big', 'ran'];
const corpus = Array.from({ length: 80 }, (_, i) => Array.from({ length: 8 }, (_, j) => words[(i * 3 + j * 7) % words.length]).join(' ')).join('\n') + '\n';
const conll = Array.from({ length: 20 }, (_, i) => `${words[i % 10]} X ${i % 3 ? 'NN' : 'VB'}\n${words[(i + 3) % 10]} X DT\n`).join('\n');
const tsv = 'sentence\tlabel\n' + Array.from({ length: 40 }, (_, i) => `${words[i % 5]} ${words[(i + 1) % 5 + (i % 2) * 5]}\t${i % 2}`).join('\n') + '\n';

const tab = writeTemp(dir, 'tab.csv', table);
const text = writeTemp(dir, 'corpus.txt', corpus);
const tagged = writeTemp(dir, 'train.conll', conll);
const labelled = writeTemp(dir, 'cls.tsv', tsv);
const vectors = writeTemp(dir, 'vec.txt', `3 2\ncat 1 0\ndog 0.9 0.1\nmat 0 1\n`);
const w2v = ['--min-count', '1', '--epochs', '1', '--dim', '8', '--threads', '1', '--quiet'];
const tagger = ['--epochs', '1', '--hidden', '8', '--dim', '8', '--threads', '1', '--quiet'];

/** Runs the CLI and asserts exit status 1 (an input error) with a `lexnet:` message matching `message`, no internal error. */
function refused(args: string[], message: RegExp, status = 1): void {
  const r = lexnet(args);
  assert.equal(r.status, status, `${args.join(' ')}: status ${r.status}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|^\s+at /m);
  assert.match(r.stderr, message);
}

/** The same for a usage error (bad or conflicting options): exit status 2. */
function misused(args: string[], message: RegExp): void {
  refused(args, message, 2);
}

test('an output that is an input is refused before any work, however the path is spelled; the input is untouched', () => {
  const before = new Map([tab, text, tagged, labelled, vectors].map((p) => [p, readFileSync(p, 'utf8')]));
  symlinkSync('tab.csv', join(dir, 'link-to-tab.model'));
  linkSync(tab, join(dir, 'hard-tab.csv'));
  misused(['fit', '--train', tab, '--label-column', 'y', '--out', tab], /--out .*tab.csv is also --train: writing it would destroy the input/);
  misused(['fit', '--train', tab, '--label-column', 'y', '--out', join(dir, '.', 'link-to-tab.model')], /--out .* is the same file as --train/);
  misused(['fit', '--train', tab, '--label-column', 'y', '--out', join(dir, 'hard-tab.csv')], /is the same file as --train/);
  misused(['word2vec', '--corpus', text, '--out', text, ...w2v], /--out .* is also --corpus/);
  misused(['word2vec', '--corpus', `brown,conll:${tagged}`, '--out', tagged, ...w2v], /--out .* is also --corpus/);
  misused(['word2vec', '--corpus', text, '--out', join(dir, 'v.txt'), '--checkpoint', text, ...w2v], /--checkpoint .* is also --corpus/);
  misused(['tagger', 'train', '--train', tagged, '--out', tagged, ...tagger], /--out .* is also --train/);
  misused(['tagger', 'train', '--train', tagged, '--vectors', vectors, '--out', vectors, ...tagger], /--out .* is also --vectors/);
  misused(['classify', 'train', '--train', labelled, '--out', labelled, '--epochs', '1'], /--out .* is also --train/);
  const plots = join(dir, 'plots');
  mkdirSync(plots);
  const data = writeTemp(plots, 'confusion.svg', tsv);
  misused(['classify', 'eval', '--model', labelled, '--data', data, '--plots', plots], /--plots .*confusion.svg is also --data/);
  for (const [p, content] of before) assert.equal(readFileSync(p, 'utf8'), content, p);
  assert.equal(readFileSync(data, 'utf8'), tsv);
});

test('two outputs on one file, and --dev/--test equal to --train, are refused', () => {
  const out = join(dir, 'same-out.txt');
  symlinkSync('same-out.txt', join(dir, 'ck-link')); // dangling: both would create same-out.txt
  misused(['word2vec', '--corpus', text, '--out', out, '--checkpoint', join(dir, 'ck-link'), ...w2v], /--checkpoint .*ck-link is the same file as --out .*same-out.txt: one would overwrite the other/);
  linkSync(tab, join(dir, 'hard-tab2.csv'));
  misused(['fit', '--train', tab, '--test', join(dir, 'hard-tab2.csv'), '--label-column', 'y'], /--test .* is the same file as --train .*: the scores would be measured on the training data itself/);
  misused(['tagger', 'train', '--train', tagged, '--dev', tagged, '--out', join(dir, 't.model'), ...tagger], /--dev .* is also --train/);
  misused(['classify', 'train', '--train', labelled, '--dev', labelled, '--out', join(dir, 'c.model')], /--dev .* is also --train/);
});

test('an option given an empty string is an error, not the option left out', () => {
  misused(['fit', '--train', tab, '--label-column', 'y', '--epochs', '1', '--out', ''], /--out needs a value, got an empty string/);
  misused(['fit', '--train', tab, '--label-column', 'y', '--epochs', '1', '--test', ''], /--test needs a value/);
  misused(['fit', '--train', tab, '--label-column', '', '--epochs', '1'], /--label-column needs a value/);
  misused(['classify', 'train', '--train', labelled, '--epochs', '1', '--plots', ''], /--plots needs a value/);
  misused(['word2vec', '--corpus', ' , ', '--out', join(dir, 'e.txt'), ...w2v], /--corpus " , " names no corpus/);
});

test('fit and classify refuse models too large for memory with the arithmetic (was an internal error, or tens of GB taken)', () => {
  refused(['fit', '--train', tab, '--label-column', 'y', '--epochs', '1', '--hidden', '100000,100000'], /a 2→100000→100000→2 network has 10,000,600,002 parameters; .* more than the 4\.00 GiB allowed; use smaller hidden layers/);
  refused(['classify', 'train', '--train', labelled, '--epochs', '1', '--out', join(dir, 'big.model'), '--hidden', '100000', '--dim', '10000'], /a fastText model of .* with 100000 hidden units has .* parameters; .* more than the 4\.00 GiB allowed/);
});

test('outputs named .gz are refused up front, except word2vec\'s vectors, which are written gzip-compressed', () => {
  const r = lexnet(['word2vec', '--corpus', text, '--out', join(dir, 'v.txt.gz'), ...w2v]);
  assert.equal(r.status, 0, r.stderr);
  const gz = readFileSync(join(dir, 'v.txt.gz'));
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b], 'gzip magic bytes');
  assert.match(gunzipSync(gz).toString('utf8'), /^\d+ 8\n/);
  misused(['word2vec', '--corpus', text, '--out', join(dir, 'v.txt.bz2'), ...w2v], /--out .*v.txt.bz2: lexnet writes no .bz2 files/);
  misused(['word2vec', '--corpus', text, '--out', join(dir, 'v.txt'), '--checkpoint', join(dir, 'c.gz'), ...w2v], /--checkpoint .*c.gz: lexnet writes only word vectors compressed \(.gz\)/);
  misused(['fit', '--train', tab, '--label-column', 'y', '--out', join(dir, 'm.gz')], /--out .*m.gz: lexnet writes only word vectors compressed \(.gz\); this file is written uncompressed/);
  misused(['tagger', 'train', '--train', tagged, '--out', join(dir, 't.model.gz'), ...tagger], /--out .*t.model.gz: lexnet writes only word vectors compressed/);
});

test('with an output on standard output, the report goes to standard error and the output stays loadable', () => {
  const r = lexnet(['fit', '--train', tab, '--label-column', 'y', '--epochs', '2', '--out', '-']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).format, 'lexnet-tabular-model');
  assert.match(r.stderr, /test accuracy/);
  const t = lexnet(['tagger', 'train', '--train', tagged, '--out', '-', ...tagger.filter((a) => a !== '--quiet')]);
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /^lexnet-tagger 1\n/);
  assert.match(t.stderr, /model saved to -/);
});

test('eval-vectors: no questions, no answerable question, too few pairs or constant scores are errors, not 0% or NaN', () => {
  const bare = lexnet(['eval-vectors', vectors]); // printed nothing
  assert.equal(bare.status, 0, bare.stderr);
  assert.match(bare.stdout, /vec.txt: 3 vectors of dimension 2 read \(give --analogies FILE or --similarity FILE to evaluate them\)/);
  refused(['eval-vectors', vectors, '--analogies', writeTemp(dir, 'q-empty.txt', '\n')], /q-empty.txt: no examples/);
  refused(['eval-vectors', vectors, '--analogies', writeTemp(dir, 'q-unknown.txt', ': s\nzz yy xx ww\n')], /q-unknown.txt: none of the 1 questions has all four words/);
  refused(['eval-vectors', vectors, '--similarity', writeTemp(dir, 'ws-empty.tsv', '# nothing\n')], /ws-empty.tsv: no examples/);
  refused(['eval-vectors', vectors, '--similarity', writeTemp(dir, 'ws-one.tsv', 'cat\tdog\t5\nzz\tcat\t1\n')], /ws-one.tsv: 1 word pair with both words in the vocabulary \(1 skipped\); Spearman's correlation needs at least 2/);
  refused(['eval-vectors', vectors, '--similarity', writeTemp(dir, 'ws-const.tsv', 'cat\tdog\t5\ncat\tmat\t5\n')], /ws-const.tsv: Spearman's correlation is undefined: the gold scores are all equal/);
  const ok = lexnet(['eval-vectors', vectors, '--similarity', writeTemp(dir, 'ws-ok.tsv', 'cat\tdog\t9\ncat\tmat\t1\ndog\tmat\t2\n'), '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout.trim().split('\n').at(-1)!).similarity.spearman, 1);
});

test('word2vec --resume of a finished run refuses another corpus (kept the old vectors with exit 0)', () => {
  const ck = join(dir, 'done.ck');
  const first = lexnet(['word2vec', '--corpus', text, '--out', join(dir, 'r1.txt'), '--checkpoint', ck, ...w2v]);
  assert.equal(first.status, 0, first.stderr);
  refused(['word2vec', '--resume', ck, '--corpus', `conll:${tagged}`, '--out', join(dir, 'r2.txt'), '--quiet'], /done.ck: the checkpoint's run is finished, on --corpus .*corpus.txt; it cannot continue on --corpus conll:/);
  const same = lexnet(['word2vec', '--resume', ck, '--out', join(dir, 'r3.txt')]);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /its run is finished; keeping its vectors/);
});

test('similar and analogy with nothing to rank, or a zero query vector, say why instead of printing nothing or arbitrary words', () => {
  const dup = writeTemp(dir, 'dup.txt', '2 3\na 1 0 0\na 0 1 0\n'); // the second "a" is dropped, as word2vec.c does
  refused(['similar', dup, 'a'], /dup.txt: no other words to rank: 1 distinct word was read, the query word excluded/);
  refused(['analogy', writeTemp(dir, 'three.txt', 'a 1 0\nb 0 1\nc 1 1\n'), 'a', 'b', 'c'], /three.txt: no other words to rank: 3 distinct words were read, the 3 query words excluded/);
  refused(['similar', writeTemp(dir, 'zero.txt', 'a 0 0\nb 1 0\nc 0 1\n'), 'a'], /zero.txt: the query \("a"\) has a zero vector, so cosine similarity is undefined/);
});

test('commander\'s own errors read `lexnet: problem` with exit status 2 (a usage error)', () => {
  misused(['fit', '--train', tab, '--bogus', '3'], /^lexnet: unknown option '--bogus'/m);
  misused(['fit'], /^lexnet: required option '--train <file>' not specified/m);
  misused(['similar', vectors], /^lexnet: missing required argument 'word'/m);
});

test('an option the chosen settings do not use is refused, not silently ignored', () => {
  misused(['fit', '--train', tab, '--label-column', 'y', '--kind', 'logistic', '--hidden', '5'], /--hidden has no effect here: it is used only with --kind mlp or regressor/);
  misused(['fit', '--train', tab, '--label-column', 'y', '--loss', 'squared-error'], /--loss has no effect here: it is used only with --kind logistic/);
  misused(['fit', '--train', tab, '--label-column', 'y', '--momentum', '0.5'], /--momentum has no effect here: it is used only with --optimizer momentum/);
  misused(['fit', '--train', tab, '--test', writeTemp(dir, 'tab-test.csv', table), '--test-split', '0.3', '--label-column', 'y'], /--test-split has no effect here/);
  misused(['word2vec', '--corpus', text, '--out', join(dir, 'u.txt'), '--loss', 'hierarchical', '--negative', '3', ...w2v], /--negative has no effect here: it is used only with --loss negative/);
  misused(['word2vec', '--corpus', text, '--out', join(dir, 'u.txt'), '--kind', 'cbow', '--no-batch-negatives', ...w2v], /--no-batch-negatives has no effect here/);
  const model = join(dir, 'u.model');
  misused(['classify', 'train', '--train', labelled, '--out', model, '--hidden', '10,20'], /--hidden has no effect here: it is used by --kind mlp \(any number of layers\) and fasttext \(one layer: give one size\)/);
  misused(['classify', 'train', '--train', labelled, '--out', model, '--kind', 'average', '--vectors', vectors, '--dim', '50'], /--dim has no effect here: it is used only by --kind fasttext/);
  misused(['classify', 'train', '--train', labelled, '--out', model, '--kind', 'average', '--vectors', vectors, '--dropout', '0.5'], /--dropout has no effect here/);
  misused(['classify', 'train', '--train', labelled, '--out', model, '--pretrained-words', '5'], /--pretrained-words has no effect here: it is used only by --kind fasttext with --vectors/);
  misused(['tagger', 'train', '--train', tagged, '--out', model, '--entity', 'PER', ...tagger], /--entity has no effect here: it is used only with --output sigmoid/);
  misused(['tagger', 'train', '--train', tagged, '--out', model, '--freeze-vectors', ...tagger], /--freeze-vectors has no effect here: it is used only with --vectors/);
});

test('word2vec --sample must be a frequency in [0, 1]', () => {
  misused(['word2vec', '--corpus', text, '--out', join(dir, 's.txt'), '--sample', '1.5', ...w2v], /--sample must be in \[0, 1\], got 1.5/);
});

test('a divergence with λ × rate ≥ 1 names the L2 strength, not the learning rate', () => {
  const m = divergenceMessage({ epoch: 2, loss: Infinity, rate: 0.001, rateName: '--lr', l2: 1e308 });
  assert.match(m, /^training diverged at epoch 2: the loss became Infinity\. The L2 strength λ 1e\+308 is too large for the --lr 0\.001: .* use λ < 1000/);
  assert.match(divergenceMessage({ epoch: 1, loss: NaN, rate: 5, rateName: '--lr', l2: 1e-4 }), /The --lr 5 is probably too large/);
  // a huge rate with the usual λ is the rate's fault
  assert.match(divergenceMessage({ epoch: 7, loss: Infinity, rate: 1e6, rateName: '--lr', l2: 1e-4 }), /The --lr 1000000 is probably too large .*weight decay overshoot/);
});

test('degenerate training data: one tag, texts without words, the same built-in data for train and dev', () => {
  const oneTag = writeTemp(dir, 'one-tag.conll', Array.from({ length: 10 }, (_, i) => `${words[i]} X O\n`).join('\n'));
  refused(['tagger', 'train', '--train', oneTag, ...tagger, '--out', join(dir, 'one.model')], /only one tag \(O\); a tagger needs two or more/);
  const noWords = writeTemp(dir, 'no-words.txt', '__label__a\n__label__b\n__label__a\n');
  refused(['classify', 'train', '--train', noWords, '--out', join(dir, 'nw.model')], /no-words.txt: no example has any words/);
  misused(['classify', 'train', '--train', 'spam-assassin:train', '--dev', 'spam-assassin:train', '--out', join(dir, 'sa.model')],
    /--dev spam-assassin:train is also --train: the scores would be measured on the training data itself/);
});

test('tagger tag reads text through the common reader: NUL bytes and bad UTF-8 are errors with the line, --data FILE works', () => {
  const model = join(dir, 'tag.model');
  const t = lexnet(['tagger', 'train', '--train', tagged, ...tagger, '--out', model]);
  assert.equal(t.status, 0, t.stderr);
  const bin = lexnet(['tagger', 'tag', '--model', model], 'the cat\nsat\0on\n');
  assert.equal(bin.status, 1);
  assert.match(bin.stderr, /stdin:2: NUL byte/);
  const bad = lexnet(['tagger', 'tag', '--model', model], Buffer.from([0x61, 0x20, 0xff, 0x0a]));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /stdin:1: invalid UTF-8 at byte offset 2/);
  const ok = lexnet(['tagger', 'tag', '--model', model, '--data', text]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim().split('\n').length, 80);
  assert.match(ok.stdout.split('\n')[0]!, /^\S+\/\S+( \S+\/\S+)+$/);
});
