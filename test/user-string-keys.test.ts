// Labels, tags and words that are also names of Object.prototype's members are ordinary strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainClassifier } from '../src/classify/train.js';
import { trainTagger } from '../src/tagger/train.js';
import { WordVectors } from '../src/io/word-vectors.js';

const NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];

test('classifier labels __proto__, constructor, hasOwnProperty: each is predicted and has its own probability', async () => {
  const train = NAMES.flatMap((label, k) => Array.from({ length: 20 }, (_, i) => ({ text: `${label} w${k} x${i % 3} ${NAMES[(k + 1) % 4]}`, label })));
  for (const model of ['fasttext', 'average'] as const) {
    const r = await trainClassifier(train, null, { model, epochs: 30, dim: 8, seed: 1, ...(model === 'average' ? { vectors: vectorsFor(train.flatMap((e) => e.text.split(' '))) } : {}) });
    assert.deepEqual([...r.labels].sort(), [...NAMES].sort());
    for (const [k, label] of NAMES.entries()) {
      const p = r.predict(`${label} w${k}`);
      assert.deepEqual(Object.keys(p.probabilities).sort(), [...NAMES].sort(), `${model}: every label is an own key`);
      for (const l of NAMES) {
        assert.ok(Object.hasOwn(p.probabilities, l), `${model}: probabilities has own ${l}`);
        assert.equal(typeof p.probabilities[l], 'number');
      }
      assert.equal(Object.getPrototypeOf(p.probabilities), Object.prototype, 'the prototype is untouched');
      const sum = Object.values(p.probabilities).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-6, `${model}: probabilities sum to ${sum}`);
      assert.equal(JSON.parse(JSON.stringify(p.probabilities))['__proto__'] !== undefined, true);
    }
  }
});

function vectorsFor(words: string[]): WordVectors {
  const unique = [...new Set(words)];
  const dim = 4;
  const data = new Float32Array(unique.length * dim);
  unique.forEach((_, i) => { for (let d = 0; d < dim; d++) data[i * dim + d] = Math.sin(i * 7 + d * 3); });
  return new WordVectors(unique, dim, data);
}

test('tagger tags and words __proto__, constructor, hasOwnProperty are ordinary', async () => {
  const sentences = Array.from({ length: 30 }, (_, i) => {
    const words = NAMES.map((w, k) => (k === i % 4 ? w : `w${(i + k) % 5}`));
    return { words, tags: words.map((w) => (NAMES.includes(w) ? w : 'O')), lines: words.map((_, j) => j + 1) };
  });
  const r = await trainTagger(sentences, null, { epochs: 5, seed: 1, threads: 1 });
  const tags = r.tag(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
  assert.equal(tags.length, 4);
  for (const t of tags) assert.ok(['O', ...NAMES].includes(t), `tag ${t}`);
});

test('word2vec words __proto__, constructor, hasOwnProperty get vectors and neighbours', async () => {
  const { trainWord2vec } = await import('../src/word2vec/train.js');
  const corpus = Array.from({ length: 200 }, (_, i) => [NAMES[i % 4]!, `w${i % 7}`, NAMES[(i + 1) % 4]!, `w${i % 5}`]);
  const r = await trainWord2vec(corpus, { minCount: 1, dim: 8, threads: 1, seed: 1, epochs: 2, sample: 0 });
  for (const w of NAMES) {
    assert.ok(r.vectors.vector(w), `a vector for ${w}`);
    assert.ok(r.vectors.mostSimilar(w, { topn: 3 }).length === 3);
  }
  assert.equal(r.vectors.vector('valueOf'), undefined, 'a name of Object.prototype not in the corpus has no vector');
});
