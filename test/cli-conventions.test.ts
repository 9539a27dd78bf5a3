// Issue 13, CLI conventions: one meaning per flag (old spellings deprecated), --json and --quiet on
// every command, exit statuses (2 usage, 1 input, 70 internal), classify predict's labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { toyConll } from './toy-conll.js';

const dir = tempDir();
const words = ['the', 'cat', 'dog', 'sat', 'on', 'mat', 'a', 'red', 'big', 'ran'];
const table = writeTemp(dir, 'tab.csv', ['y,x1,x2', ...Array.from({ length: 60 }, (_, i) => `${i % 2},${(i % 2 ? 1 : -1) + (i % 7) / 10},${(i % 5) / 10}`)].join('\n') + '\n');
const corpus = writeTemp(dir, 'corpus.txt', Array.from({ length: 80 }, (_, i) => Array.from({ length: 8 }, (_, j) => words[(i * 3 + j * 7) % words.length]).join(' ')).join('\n') + '\n');
const conll = writeTemp(dir, 'train.conll', toyConll(20, 1));
const vectors = writeTemp(dir, 'vec.txt', '4 2\ncat 1 0\ndog 0.9 0.1\nmat 0 1\nrug 0.1 0.9\n');
const good = ['good', 'great', 'fine'], bad = ['bad', 'awful', 'poor'];
const sentence = (i: number): string => `the ${(i % 2 ? good : bad)[i % 3]} film ${words[i % 10]}`;
const fasttextData = writeTemp(dir, 'ft.txt', Array.from({ length: 40 }, (_, i) => `__label__${i % 2} ${sentence(i)}`).join('\n') + '\n');
const tsvData = writeTemp(dir, 'cls.tsv', 'sentence\tlabel\n' + Array.from({ length: 40 }, (_, i) => `${sentence(i)}\t${i % 2 ? 'pos' : 'neg'}`).join('\n') + '\n');
const w2v = ['--min-count', '1', '--epochs', '1', '--dim', '8', '--threads', '1', '--show', ''];
const tagger = ['--epochs', '1', '--hidden', '8', '--dim', '8', '--threads', '1'];
const classify = ['--epochs', '2', '--dim', '8'];

/** The last line of standard output, parsed as JSON. */
function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

function ok(args: string[], input?: string): { stdout: string; stderr: string } {
  const r = lexnet(args, input);
  assert.equal(r.status, 0, `${args.join(' ')}\n${r.stderr}`);
  return r;
}

// one meaning per flag -----------------------------------------------------------------------

test('fit --model KIND and --save FILE still work, each with a one-line deprecation note', () => {
  const model = join(dir, 'old.model');
  const r = ok(['fit', '--train', table, '--label-column', 'y', '--model', 'logistic', '--epochs', '3', '--save', model, '--json']);
  assert.equal(r.stderr, 'lexnet: --model is deprecated; use --kind\nlexnet: --save is deprecated; use --out\n');
  assert.equal(lastJson(r.stdout).kind, 'logistic');
  assert.ok(existsSync(model));
  // the new spellings print no note
  const n = ok(['fit', '--train', table, '--label-column', 'y', '--kind', 'logistic', '--epochs', '3', '--out', join(dir, 'new.model'), '--json']);
  assert.equal(n.stderr, '');
  assert.equal(lastJson(n.stdout).out, join(dir, 'new.model'));
  // the old name checks its value as the new one does
  const bad = lexnet(['fit', '--train', table, '--model', 'tree']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--model must be one of logistic, softmax, mlp, regressor, linear, got "tree"/);
});

test('an old spelling and its new one both given is a usage error (exit 2) naming both', () => {
  const cases: [string[], RegExp][] = [
    [['fit', '--train', table, '--save', join(dir, 'a.model'), '--out', join(dir, 'b.model')], /--save and --out are both given: --save is the old name of --out; give only --out/],
    [['fit', '--train', table, '--model', 'mlp', '--kind', 'mlp'], /--model and --kind are both given/],
    [['word2vec', '--corpus', corpus, '--model', 'cbow', '--kind', 'skipgram', '--out', join(dir, 'x.txt')], /--model and --kind are both given/],
    [['classify', 'train', '--train', tsvData, '--model', 'fasttext', '--kind', 'average', '--out', join(dir, 'x.model')], /--model and --kind are both given/],
  ];
  for (const [args, message] of cases) {
    const r = lexnet(args);
    assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
  assert.ok(!existsSync(join(dir, 'a.model')) && !existsSync(join(dir, 'b.model')) && !existsSync(join(dir, 'x.txt')));
});

test('word2vec --model and classify train --model still name the kind, with the note', () => {
  const out = join(dir, 'cbow.txt');
  const r = ok(['word2vec', '--corpus', corpus, '--model', 'cbow', '--out', out, ...w2v, '--json']);
  assert.match(r.stderr, /^lexnet: --model is deprecated; use --kind$/m);
  assert.ok(existsSync(out));
  const c = ok(['classify', 'train', '--train', tsvData, '--model', 'fasttext', '--out', join(dir, 'old-kind.model'), ...classify, '--json']);
  assert.match(c.stderr, /lexnet: --model is deprecated; use --kind/);
  assert.equal(lastJson(c.stdout).kind, 'fasttext');
});

test('the hidden old spellings stay out of --help; --kind and --out are shown', () => {
  const h = ok(['fit', '--help']).stdout;
  assert.match(h, /--kind <kind>/);
  assert.match(h, /--out <file>/);
  assert.doesNotMatch(h, /--save|--model/);
  assert.doesNotMatch(ok(['word2vec', '--help']).stdout, /--model/);
  assert.doesNotMatch(ok(['classify', 'train', '--help']).stdout, /--model/);
});

// --json and --quiet ----------------------------------------------------------------------------

test('every command takes --json (one JSON object on the last line) and --quiet (no summaries, warnings or notes; the result stays)', () => {
  const tab = join(dir, 'tab.model'), vec = join(dir, 'v.txt'), tag = join(dir, 'tag.model'), cls = join(dir, 'cls.model');
  const commands: [string, string[], (j: Record<string, unknown>) => void][] = [
    ['fit', ['fit', '--train', table, '--label-column', 'y', '--kind', 'logistic', '--epochs', '3', '--out', tab], (j) => assert.equal(j.out, tab)],
    ['predict', ['predict', '--model', tab, '--data', table], (j) => assert.equal((j.predictions as number[]).length, 60)],
    ['word2vec', ['word2vec', '--corpus', corpus, '--out', vec, ...w2v], (j) => assert.equal(j.out, vec)],
    ['similar', ['similar', vec, 'cat', '--topn', '3'], (j) => assert.equal((j.neighbours as { word: string; similarity: number }[]).length, 3)],
    ['analogy', ['analogy', vec, 'cat', 'dog', 'mat', '--topn', '2'], (j) => assert.equal((j.answers as unknown[]).length, 2)],
    ['eval-vectors', ['eval-vectors', vec], (j) => assert.equal(j.vectors, vec)],
    ['tagger train', ['tagger', 'train', '--train', conll, '--out', tag, ...tagger], (j) => assert.equal(j.out, tag)],
    ['tagger eval', ['tagger', 'eval', '--model', tag, '--data', conll], (j) => assert.equal(typeof j.f1, 'number')],
    ['tagger predict', ['tagger', 'predict', '--model', tag, '--data', conll], (j) => assert.equal((j.sentences as unknown[]).length, 20)],
    ['tagger tag', ['tagger', 'tag', '--model', tag, '--data', writeTemp(dir, 'plain.txt', 'we met John Smith\nin Rome\n')], (j) => assert.deepEqual((j.sentences as { words: string[] }[]).map((s) => s.words.length), [4, 2])],
    ['classify train', ['classify', 'train', '--train', tsvData, '--out', cls, ...classify], (j) => assert.equal(j.out, cls)],
    ['classify eval', ['classify', 'eval', '--model', cls, '--data', tsvData], (j) => assert.equal(typeof j.accuracy, 'number')],
    ['classify predict', ['classify', 'predict', '--model', cls, '--data', tsvData], (j) => assert.equal((j.predictions as string[]).length, 40)],
  ];
  // what a command exists to print stays with --quiet (issue 19); training summaries and notes go
  const results = new Set(['predict', 'similar', 'analogy', 'tagger eval', 'tagger predict', 'tagger tag', 'classify eval', 'classify predict']);
  for (const [name, args, check] of commands) {
    const j = ok([...args, '--json']);
    check(lastJson(j.stdout));
    const jq = ok([...args, '--json', '--quiet']);
    check(lastJson(jq.stdout));
    assert.equal(jq.stderr, '', `${name} --json --quiet printed ${jq.stderr}`);
    const q = ok([...args, '--quiet']);
    if (results.has(name)) assert.equal(q.stdout, ok(args).stdout, `${name} --quiet`);
    else assert.equal(q.stdout, '', `${name} --quiet printed ${q.stdout}`);
    assert.equal(q.stderr, '', `${name} --quiet printed ${q.stderr}`);
  }
});

test('--quiet silences warnings too; errors still print', () => {
  const cls = join(dir, 'quiet.model');
  ok(['classify', 'train', '--train', tsvData, '--out', cls, ...classify, '--quiet']);
  const unseen = writeTemp(dir, 'unseen.tsv', 'sentence\tlabel\nthe good film\tmaybe\n');
  assert.match(ok(['classify', 'eval', '--model', cls, '--data', unseen]).stderr, /warning: .*unseen.tsv:2: label "maybe" was not in the training data/);
  assert.equal(ok(['classify', 'eval', '--model', cls, '--data', unseen, '--quiet']).stderr, '');
  const r = lexnet(['classify', 'eval', '--model', cls, '--data', join(dir, 'absent.tsv'), '--quiet']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^lexnet: .*absent.tsv/);
});

// exit statuses --------------------------------------------------------------------------------

test('usage errors exit 2, input errors 1, help and --version 0', () => {
  const usage: string[][] = [
    ['fit', '--train', table, '--bogus'], // unknown option
    ['nosuch'], // unknown command
    ['fit'], // missing required option
    ['similar', 'v.txt'], // missing argument
    ['fit', '--train', table, '--epochs', '0'], // bad option value
    ['fit', '--train', table, '--out', ''], // empty value
    ['fit', '--train', table, '--kind', 'logistic', '--hidden', '4'], // an option the settings ignore
    ['fit', '--train', table, '--out', table], // an output that is an input
    ['tagger', 'train', '--train', conll, '--output', 'sigmoid'], // an option needing another
    [], // no command at all
  ];
  for (const args of usage) {
    const r = lexnet(args);
    assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, /^lexnet: |Usage: lexnet/m);
    assert.doesNotMatch(r.stderr, /internal error/);
  }
  const input: string[][] = [
    ['fit', '--train', join(dir, 'absent.csv')],
    ['predict', '--model', table, '--data', table],
    ['similar', writeTemp(dir, 'bad.vec', '2 2\ncat 1\n'), 'cat'],
  ];
  for (const args of input) {
    const r = lexnet(args);
    assert.equal(r.status, 1, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, /^lexnet: /);
  }
  assert.equal(lexnet(['--version']).status, 0);
  assert.equal(lexnet(['fit', '--help']).status, 0);
});

test('an internal error (a bug) exits 70, not 2 as a usage error does', () => {
  // a preloaded module makes formatting a similarity throw a plain Error, as a bug in lexnet would
  const hook = writeTemp(dir, 'bug.mjs', "Number.prototype.toFixed = () => { throw new TypeError('simulated bug'); };\n");
  const r = spawnSync(process.execPath, ['--import', `file://${hook}`, CLI, 'similar', vectors, 'cat'], { encoding: 'utf8', env: { ...process.env, LEXNET_DEBUG: '' } });
  assert.equal(r.status, 70, r.stderr);
  assert.match(r.stderr, /^lexnet: internal error: simulated bug\n\(set LEXNET_DEBUG=1/);
});

// classify predict -----------------------------------------------------------------------------

test('classify predict prints labels as the training data wrote them, with --probabilities', () => {
  const ft = join(dir, 'ft.model'), tsv = join(dir, 'tsv.model');
  ok(['classify', 'train', '--train', fasttextData, '--out', ft, ...classify, '--epochs', '10', '--quiet']);
  ok(['classify', 'train', '--train', tsvData, '--out', tsv, ...classify, '--epochs', '10', '--quiet']);
  const plain = writeTemp(dir, 'to-label.txt', 'the good film\nthe awful film\n');
  assert.deepEqual(ok(['classify', 'predict', '--model', ft, '--data', plain]).stdout, '__label__1\n__label__0\n');
  assert.deepEqual(ok(['classify', 'predict', '--model', tsv, '--data', plain]).stdout, 'pos\nneg\n');
  // eval still matches labels by name across formats: fastText-trained, TSV-labelled data with 0/1
  const p = ok(['classify', 'predict', '--model', ft, '--data', plain, '--probabilities']).stdout.trim().split('\n');
  for (const line of p) {
    const [label, probs] = line.split('\t');
    const pairs = probs!.split(' ').map((kv) => kv.split(':'));
    assert.deepEqual(pairs.map(([k]) => k), ['__label__0', '__label__1']);
    const values = pairs.map(([, v]) => Number(v));
    assert.ok(Math.abs(values[0]! + values[1]! - 1) < 1e-5, line);
    assert.equal(label, pairs[values[0]! > values[1]! ? 0 : 1]![0]);
  }
  const j = lastJson(ok(['classify', 'predict', '--model', ft, '--data', plain, '--probabilities', '--json']).stdout);
  assert.deepEqual(j.predictions, ['__label__1', '__label__0']);
  const probs = j.probabilities as Record<string, number>[];
  assert.deepEqual(Object.keys(probs[0]!), ['__label__0', '__label__1']);
  assert.ok(probs[0]!['__label__1']! > 0.5);
  // average kind too (its probabilities come from the network)
  const avg = join(dir, 'avg.model');
  ok(['classify', 'train', '--train', fasttextData, '--kind', 'average', '--vectors', writeTemp(dir, 'cls-vec.txt', `3 2\ngood 1 0\ngreat 1 0.1\nawful 0 1\n`), '--out', avg, '--epochs', '5', '--quiet']);
  const a = lastJson(ok(['classify', 'predict', '--model', avg, '--data', plain, '--probabilities', '--json']).stdout);
  assert.equal((a.predictions as string[])[0]!.startsWith('__label__'), true);
  assert.equal(Object.keys((a.probabilities as object[])[0]!).length, 2);
});

test('a classifier file written before labelPrefix still loads and prints bare labels', () => {
  const ft = join(dir, 'ft-new.model'), old = join(dir, 'ft-old.model');
  ok(['classify', 'train', '--train', fasttextData, '--out', ft, ...classify, '--epochs', '10', '--quiet']);
  const bytes = readFileSync(ft);
  const second = bytes.indexOf(10, bytes.indexOf(10) + 1);
  const header = bytes.subarray(0, second).toString('utf8');
  assert.match(header, /"labelPrefix":"__label__",/);
  writeFileSync(old, Buffer.concat([Buffer.from(header.replace('"labelPrefix":"__label__",', '')), bytes.subarray(second)]));
  const plain = writeTemp(dir, 'old-label.txt', 'the good film\n');
  assert.equal(ok(['classify', 'predict', '--model', old, '--data', plain]).stdout, '1\n');
  assert.equal(ok(['classify', 'predict', '--model', ft, '--data', plain]).stdout, '__label__1\n');
  const bad = join(dir, 'ft-bad.model');
  writeFileSync(bad, Buffer.concat([Buffer.from(header.replace('"labelPrefix":"__label__"', '"labelPrefix":7')), bytes.subarray(second)]));
  const r = lexnet(['classify', 'predict', '--model', bad, '--data', plain]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /labelPrefix/);
});
