// Issue 20: a model saved in Node loads in a page and back. Node writes a classifier and word
// vectors; a Vite-built page in headless Chromium loads them with `fetch` Responses, predicts as
// Node does, trains its own classifier and hands back `toBytes()`, which Node loads. Skips when
// Chromium is absent (LEXNET_CHROMIUM names another).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadClassifier, loadTagger, loadVectors, trainClassifier, trainTagger, trainWord2vec, type TaggedSentence } from '../src/index.js';
import { buildPage, chromiumPath, serve } from './browser-page.js';

const chromium = chromiumPath();
const skip = chromium === null ? `no Chromium at ${process.env.LEXNET_CHROMIUM ?? '/usr/bin/chromium'} (set LEXNET_CHROMIUM)` : false;

const reviews = [
  { text: 'a fine film', label: 'pos' }, { text: 'great acting', label: 'pos' },
  { text: 'dull and long', label: 'neg' }, { text: 'bad acting', label: 'neg' },
];
const texts = ['a fine film', 'dull acting', 'unknown'];

const PAGE = `
import { loadClassifier, loadVectors, trainClassifier, trainTagger, loadTagger } from 'lexnet';
window.taggers = async (sentences) => {
  const node = await loadTagger(await fetch('./node.tagger'));
  const own = await trainTagger(sentences, null, { epochs: 3, seed: 2, config: { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 4 } });
  const again = await loadTagger(own.toBytes());
  return { node: node.tag('Mary lives in Paris.'), own: own.tag('Mary lives in Paris.'), again: again.tag('Mary lives in Paris.'), bytes: Array.from(own.toBytes()) };
};
window.roundTrip = async (reviews, texts) => {
  const clf = await loadClassifier(await fetch('./node.model'));
  const vectors = await loadVectors(await fetch('./node.bin'));
  const own = await trainClassifier(reviews, null, { epochs: 20, learningRate: 0.5, dim: 8, seed: 2 });
  let refused = '';
  try { await loadClassifier('node.model'); } catch (e) { refused = e.message; }
  return {
    predictions: clf.predictBatch(texts), words: [...vectors.words], data: Array.from(vectors.data),
    own: Array.from(own.toBytes()), ownPredictions: own.predictBatch(texts), vectorBytes: Array.from(vectors.toBytes('binary')), refused,
  };
};
document.title = 'ready';
`;

let browser: import('playwright-core').Browser | undefined;
let built = '';

before(async () => {
  if (skip) return;
  built = await buildPage(PAGE);
  const { chromium: pw } = await import('playwright-core');
  browser = await pw.launch({ executablePath: chromium!, headless: true, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
});

interface Prediction { label: string; probabilities: Record<string, number> }
interface RoundTrip {
  predictions: Prediction[]; words: string[]; data: number[]; own: number[]; ownPredictions: Prediction[]; vectorBytes: number[]; refused: string;
}

test('a classifier and vectors saved in Node load in Chromium, and a classifier trained there loads in Node', { skip }, async () => {
  const clf = await trainClassifier(reviews, null, { epochs: 20, learningRate: 0.5, dim: 8, seed: 1 });
  await clf.save(join(built, 'node.model'));
  const { vectors } = await trainWord2vec([['the', 'cat', 'sat'], ['the', 'dog', 'ran']], { minCount: 1, sample: 0, dim: 8, threads: 1, seed: 1 });
  await vectors.save(join(built, 'node.bin'));
  await withReadyPage(async (page, errors) => {
    const r = await page.evaluate(
      ([rv, tx]) => (window as unknown as { roundTrip: (r: unknown, t: unknown) => Promise<RoundTrip> }).roundTrip(rv, tx),
      [reviews, texts] as const,
    );
    assert.deepEqual(errors, []);
    // the same labels, probabilities to 1e-7 (Chromium's Math.exp is not Node's to the last bit)
    assertClose(r.predictions, (await loadClassifier(join(built, 'node.model'))).predictBatch(texts));
    assert.deepEqual(r.words, [...vectors.words]);
    assert.deepEqual(r.data, Array.from(vectors.data));
    assert.deepEqual(r.vectorBytes, Array.from(vectors.toBytes('binary')));
    assert.deepEqual((await loadVectors(Uint8Array.from(r.vectorBytes))).data, vectors.data);
    const fromPage = await loadClassifier(Uint8Array.from(r.own));
    assertClose(fromPage.predictBatch(texts), r.ownPredictions);
    assert.match(r.refused, /node\.model: a path needs Node/);
  });
});

/** Serves the built page, opens it in Chromium, waits until it says ready, runs `check` (with the page errors seen), then closes both. */
async function withReadyPage(check: (page: import('playwright-core').Page, errors: string[]) => Promise<void>): Promise<void> {
  const server = await serve(built, false);
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === 'ready');
    await check(page, errors);
  } finally {
    await page.close();
    await server.close();
  }
}

function assertClose(a: Prediction[], b: Prediction[]): void {
  assert.deepEqual(a.map((p) => p.label), b.map((p) => p.label));
  a.forEach((p, i) => {
    assert.deepEqual(Object.keys(p.probabilities), Object.keys(b[i]!.probabilities));
    for (const [k, v] of Object.entries(p.probabilities)) assert.ok(Math.abs(v - b[i]!.probabilities[k]!) < 1e-7, `${texts[i]}: ${k} ${v} vs ${b[i]!.probabilities[k]}`);
  });
}

const sentences: TaggedSentence[] = [
  { words: ['John', 'lives', 'in', 'Paris', '.'], tags: ['B-PER', 'O', 'O', 'B-LOC', 'O'] },
  { words: ['Mary', 'visited', 'Rome', '.'], tags: ['B-PER', 'O', 'B-LOC', 'O'] },
];

test('the tagger in Chromium: a Node tagger loads from fetch, one trained in the page tags and loads back in Node', { skip }, async () => {
  const config = { wordDim: 8, hidden: 8, capsDim: 2, affixDim: 4 };
  const nodeTagger = await trainTagger(sentences, null, { epochs: 3, threads: 1, seed: 1, config });
  await nodeTagger.save(join(built, 'node.tagger'));
  await withReadyPage(async (page, errors) => {
    const r = await page.evaluate(
      (s) => (window as unknown as { taggers: (s: unknown) => Promise<{ node: string[]; own: string[]; again: string[]; bytes: number[] }> }).taggers(s),
      sentences,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(r.node, nodeTagger.tag('Mary lives in Paris.'));
    assert.equal(r.own.length, 5);
    assert.deepEqual(r.again, r.own);
    assert.deepEqual((await loadTagger(Uint8Array.from(r.bytes))).tag('Mary lives in Paris.'), r.own);
    // one thread and a seed: the page's tagger is Node's, bit for bit
    const same = await trainTagger(sentences, null, { epochs: 3, threads: 1, seed: 2, config });
    assert.deepEqual(Array.from(same.toBytes()), r.bytes);
  });
});
