import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { Lexicon } from '../src/tagger/features.js';
import { DEFAULT_TAGGER_CONFIG, TaggerModel } from '../src/tagger/model.js';
import { loadTagger, saveTagger } from '../src/tagger/model-file.js';
import { lexnet, tempDir, writeTemp } from './cli.js';
import { toyConll } from './toy-conll.js';

const dir = tempDir();
const train = writeTemp(dir, 'train.txt', toyConll(150, 1));
const dev = writeTemp(dir, 'dev.txt', toyConll(30, 2));
const lex = (items: string[]) => { const l = new Lexicon(); items.forEach((w) => l.add(w)); return l; };

test('tagger train --decoder window | crf, with and without the word shape: both decoders learn the toy corpus and tag from the saved file', () => {
  for (const extra of [['--decoder', 'window'], ['--decoder', 'crf'], ['--decoder', 'crf', '--shape-dim', '0', '--word-dropout', '0'], []]) {
    const out = join(dir, `m${extra.join('')}.model`);
    const r = lexnet(['tagger', 'train', '--train', train, '--dev', dev, '--epochs', '3', '--hidden', '16', '--dim', '8', '--threads', '1', '--out', out, '--json', ...extra]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout.trim().split('\n').at(-1)!).dev.f1 > 0.9, extra.join(' '));
    const m = loadTagger(out);
    assert.equal(m.decoder, extra[1] ?? 'crf');
    assert.equal(m.F, extra.includes('0') ? 4 : 5);
    const tg = lexnet(['tagger', 'tag', '--model', out], 'we met John Lee in Rome .\n');
    assert.match(tg.stdout, /John\/B-PER Lee\/I-PER in\/O Rome\/B-LOC/, extra.join(' '));
  }
});

test('--decoder and --shape-dim out of range are clear errors; crf with --output sigmoid is refused', () => {
  const bad = lexnet(['tagger', 'train', '--train', train, '--decoder', 'hmm']);
  assert.equal(bad.status, 2); // usage errors
  assert.match(bad.stderr, /--decoder.*must be one of window, crf, got "hmm"/);
  const neg = lexnet(['tagger', 'train', '--train', train, '--shape-dim', '-1']);
  assert.equal(neg.status, 2);
  assert.match(neg.stderr, /--shape-dim/);
  const sig = lexnet(['tagger', 'train', '--train', train, '--output', 'sigmoid', '--entity', 'PER', '--decoder', 'crf', '--out', join(dir, 'x.model')]);
  assert.equal(sig.status, 1);
  assert.match(sig.stderr, /--decoder crf needs --output softmax/);
});

test('a model file saved before the shape feature and the crf decoder still loads and tags the same', () => {
  const { shapeDim: _s, decoder: _d, ...old } = DEFAULT_TAGGER_CONFIG;
  const model = new TaggerModel({ ...old, window: 3, wordDim: 4, hidden: 8 }, lex(['we', 'met', 'john']), lex(['we', 'met', 'joh']), lex(['we', 'met', 'ohn']), ['O', 'B-PER', 'I-PER']);
  model.initialize(new Random(2));
  const path = join(dir, 'old.model');
  saveTagger(path, model); // the config has neither field: the header is the old one
  const loaded = loadTagger(path);
  assert.equal(loaded.decoder, 'window');
  assert.equal(loaded.F, 4);
  const words = ['we', 'met', 'John', 'Smith'];
  assert.deepEqual(loaded.tagSentence(words), model.tagSentence(words));
});

test('a crf model round-trips through its file: shapes, start and transition scores', () => {
  const model = new TaggerModel({ ...DEFAULT_TAGGER_CONFIG, window: 3, wordDim: 4, hidden: 8 }, lex(['we', 'met']), lex(['we']), lex(['we']), ['O', 'B-PER', 'I-PER'], 0, lex(['xx', 'Xxxx']));
  model.initialize(new Random(3));
  const views = new Map(model.paramViews().map((p) => [p.name, p.view]));
  views.get('transitions')!.set([1, -2, 3, 0.5, 0, -1, 2, 2, -3]);
  views.get('start')!.set([0.25, -0.5, 1]);
  const path = join(dir, 'crf.model');
  saveTagger(path, model);
  const loaded = loadTagger(path);
  assert.deepEqual([...loaded.shapes.items], ['<pad>', '<unk>', 'xx', 'Xxxx']);
  assert.deepEqual(Buffer.from(loaded.params().slice().buffer), Buffer.from(model.params().slice().buffer));
  const words = ['we', 'met', 'Ann', 'Lee', 'today'];
  assert.deepEqual(loaded.tagSentence(words), model.tagSentence(words));
});
