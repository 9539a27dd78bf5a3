import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Random } from '../src/core/random.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';
import { toyConll } from './toy-conll.js';

const dir = tempDir();

/** The texts drawn in an SVG. */
const texts = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

function hasTexts(file: string, wanted: readonly string[]): void {
  const t = texts(file);
  for (const s of wanted) assert.ok(t.includes(s), `${file}: missing "${s}" in ${t.join('|')}`);
}

test('word2vec --plots writes the loss and learning-rate curves', () => {
  const corpus = writeTemp(dir, 'topics.txt', topicCorpus(400, 2));
  const plots = join(dir, 'w2v-plots');
  const r = lexnet(['word2vec', '--corpus', corpus, '--out', join(dir, 'v.txt'), '--dim', '8', '--min-count', '1', '--epochs', '2', '--threads', '1', '--show', '', '--plots', plots]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /plots: .*training-curves\.svg/);
  hasTexts(join(plots, 'training-curves.svg'), ['word2vec skipgram/negative on topics.txt', 'training loss', 'learning rate', 'epoch']);
});

test('tagger train --plots writes the learning curve and the dev tag confusion', () => {
  const train = writeTemp(dir, 'train.txt', toyConll(150, 1));
  const dev = writeTemp(dir, 'dev.txt', toyConll(30, 2));
  const plots = join(dir, 'tagger-plots');
  const r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--epochs', '3', '--hidden', '16', '--dim', '8', '--threads', '1', '--out', join(dir, 't.model'), '--plots', plots, '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  hasTexts(join(plots, 'training-curves.svg'), ['tagger on train.txt', 'training loss', 'dev entity F1', 'epoch', 'train', 'dev']);
  hasTexts(join(plots, 'confusion.svg'), ['predicted tag', 'true tag', 'O', 'B-PER', 'I-PER', 'B-LOC', '30']);
  assert.ok(texts(join(plots, 'confusion.svg')).some((s) => s.startsWith('tag confusion on dev.txt')));
  // without --dev there is no confusion to draw: only the curves
  const alone = join(dir, 'tagger-alone');
  const a = lexnet(['tagger', 'train', '--train', train, '--epochs', '2', '--hidden', '16', '--dim', '8', '--threads', '1', '--out', join(dir, 't2.model'), '--plots', alone, '--quiet']);
  assert.equal(a.status, 0, a.stderr);
  assert.ok(existsSync(join(alone, 'training-curves.svg')) && !existsSync(join(alone, 'confusion.svg')));
});

test('classify train --plots: base names in titles, λ ticks 1e-5 …, whole epochs', () => {
  const r = new Random(1);
  const lines = ['sentence\tlabel'];
  for (let i = 0; i < 80; i++) lines.push(`the film was ${i % 2 ? ['good', 'great'][r.int(2)] : ['bad', 'dull'][r.int(2)]}\t${i % 2 ? 'positive' : 'negative'}`);
  const train = writeTemp(dir, 'c-train.tsv', lines.join('\n') + '\n');
  const dev = writeTemp(dir, 'c-dev.tsv', lines.slice(0, 21).join('\n') + '\n');
  const plots = join(dir, 'classify-plots');
  const c = lexnet(['classify', 'train', '--train', train, '--dev', dev, '--model', 'fasttext', '--dim', '4', '--epochs', '3', '--l2', 'sweep', '--plots', plots, '--out', join(dir, 'c.model'), '--json']);
  assert.equal(c.status, 0, c.stderr);
  hasTexts(join(plots, 'training-curves.svg'), ['fasttext on c-train.tsv', '1', '2', '3', 'train', 'dev']);
  assert.ok(!texts(join(plots, 'training-curves.svg')).some((s) => s.includes(dir)), 'a full path in a title');
  hasTexts(join(plots, 'accuracy-vs-l2.svg'), ['1e-6', '1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1']);
  hasTexts(join(plots, 'confusion.svg'), ['confusion on c-dev.tsv', 'positive', 'negative']);
});

/** A small vectors file: two groups of words far apart. */
const vectors = writeTemp(dir, 'v.vec', ['6 3', 'cat 1 0.1 0', 'dog 0.9 0.2 0.1', 'pet 1 0 0.2', 'bank 0 1 0.1', 'loan 0.1 0.9 0', 'cash 0 1 0.3', ''].join('\n'));

test('plot vectors draws a PCA map of chosen or the most frequent words', () => {
  const out = join(dir, 'map.svg');
  const r = lexnet(['plot', 'vectors', vectors, '--words', 'cat,dog,bank,loan', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrote a map of 4 words/);
  hasTexts(out, ['4 words of v.vec (PCA)', 'cat', 'dog', 'bank', 'loan']);
  assert.ok(texts(out).some((s) => /^PC1 \(\d+\.\d%\)$/.test(s)) && texts(out).some((s) => /^PC2 /.test(s)));
  assert.ok(!texts(out).includes('pet'));
  const top = join(dir, 'top.svg');
  const t = lexnet(['plot', 'vectors', vectors, '--top', '3', '--out', top]);
  assert.equal(t.status, 0, t.stderr);
  hasTexts(top, ['3 words of v.vec (PCA)', 'cat', 'dog', 'pet']);
  assert.ok(!texts(top).includes('bank'));
  const std = lexnet(['plot', 'vectors', vectors, '--out', '-']);
  assert.equal(std.status, 0, std.stderr);
  assert.match(std.stdout, /^<svg[\s\S]*<\/svg>\s*$/);
});

test('plot vectors refuses unknown words, non-SVG names and options that do nothing', () => {
  const refused = (args: string[], message: RegExp, status = 1): void => {
    const r = lexnet(['plot', 'vectors', vectors, ...args]);
    assert.equal(r.status, status, r.stderr);
    assert.match(r.stderr, message);
  };
  refused(['--words', 'cat,zebra,gnu', '--out', join(dir, 'x.svg')], /v\.vec: no vector for "zebra", "gnu"/);
  refused(['--words', 'cat', '--out', join(dir, 'x.svg')], /at least 2 different words/);
  refused(['--out', join(dir, 'x.png')], /--out .*x\.png: the map is written as SVG/);
  refused(['--words', 'cat,dog', '--top', '5', '--out', join(dir, 'x.svg')], /--top has no effect here/, 2);
  refused(['--perplexity', '5', '--out', join(dir, 'x.svg')], /--perplexity has no effect here/, 2);
  assert.ok(!existsSync(join(dir, 'x.svg')));
});

test('plot vectors --method tsne: a map with the optional package, else a clear message', () => {
  const out = join(dir, 'tsne.svg');
  const r = lexnet(['plot', 'vectors', vectors, '--method', 'tsne', '--perplexity', '1.5', '--out', out]);
  if (r.status === 0) hasTexts(out, ['6 words of v.vec (t-SNE)', 'cat', 'bank']);
  else {
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^lexnet: t-SNE maps need the package @saehrimnir\/druidjs: npm install @saehrimnir\/druidjs/);
  }
  const big = lexnet(['plot', 'vectors', vectors, '--method', 'tsne', '--perplexity', '2', '--out', out]);
  assert.equal(big.status, 1);
  assert.match(big.stderr, /perplexity must be at least 1 and below a third of the number of words \(6\), got 2/);
});

test('commands with --plots say at once, before training, when vega is not installed', () => {
  const hook = writeTemp(dir, 'no-vega.mjs', `export async function resolve(s, c, next) {
  if (s === 'vega' || s === 'vega-lite') throw Object.assign(new Error("Cannot find package '" + s + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(s, c);
}\n`);
  const register = writeTemp(dir, 'register.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], { encoding: 'utf8', env: { ...process.env, LEXNET_DEBUG: '' } });
  const message = 'lexnet: plots need the packages vega and vega-lite: npm install vega vega-lite\n';
  const out = join(dir, 'never.bin');
  const w = run(['word2vec', '--corpus', writeTemp(dir, 'small.txt', topicCorpus(50, 1)), '--min-count', '1', '--out', out, '--plots', join(dir, 'p1')]);
  assert.equal(w.status, 1, w.stderr);
  assert.equal(w.stderr, message);
  assert.ok(!existsSync(out), 'trained although the plots could not be drawn');
  const p = run(['plot', 'vectors', vectors, '--out', join(dir, 'p.svg')]);
  assert.equal(p.status, 1);
  assert.equal(p.stderr, message);
  // commands without plots do not need vega
  const s = run(['similar', vectors, 'cat', '--topn', '1']);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /^(dog|pet)\t/);
});
