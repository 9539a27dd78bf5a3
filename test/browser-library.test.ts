// The browser entry in real (headless) Chromium: a Vite-built page trains word2vec with Web
// Workers when cross-origin isolated and on one inline thread when not, and a seeded
// single-thread run gives Node's vectors. Skips when Chromium is absent (LEXNET_CHROMIUM names another).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Random, trainWord2vec } from '../src/index.js';
import { buildPage, chromiumPath, serve } from './browser-page.js';

const chromium = chromiumPath();
const skip = chromium === null ? `no Chromium at ${process.env.LEXNET_CHROMIUM ?? '/usr/bin/chromium'} (set LEXNET_CHROMIUM)` : false;

/** A few thousand tokens: 40 words, Zipf-like, in sentences of 10. */
function sentences(): string[][] {
  const r = new Random(9);
  const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
  return Array.from({ length: 400 }, () => Array.from({ length: 10 }, () => words[Math.floor(r.next() ** 2 * words.length)]!));
}

const PAGE = `
import * as lexnet from 'lexnet';
window.lexnet = lexnet;
window.train = async (corpus, options, asBlob) => {
  const events = [];
  const input = asBlob ? new Blob([corpus]) : corpus;
  const logs = [];
  const r = await lexnet.trainWord2vec(input, { ...options, log: (l) => logs.push(l), onProgress: (e) => events.push(e) });
  return {
    threads: r.threads, words: r.vectors.words, data: Array.from(r.vectors.data), finalLoss: r.finalLoss, logs,
    eventThreads: [...new Set(events.map((e) => e.threads))], stages: [...new Set(events.map((e) => e.stage))],
    near: r.vectors.mostSimilar ? null : null, isolated: self.crossOriginIsolated, support: lexnet.webThreadSupport(),
    text: new TextDecoder().decode(lexnet.encodeVectors(r.vectors, 'text')).split('\\n')[0],
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

interface PageRun {
  threads: number; words: string[]; data: number[]; finalLoss: number; logs: string[]; eventThreads: number[]; stages: string[];
  isolated: boolean; support: { threads: number; isolated: boolean; reason: string | null }; text: string;
}

async function inPage<T>(isolated: boolean, body: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const server = await serve(built, isolated);
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`); });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === 'ready');
    const out = await body(page);
    assert.deepEqual(errors, []);
    return out;
  } finally {
    await page.close();
    await server.close();
  }
}

const options = { dim: 16, epochs: 3, minCount: 1, sample: 0, seed: 4, model: 'skipgram', loss: 'negative' } as const;

test('cross-origin isolated: word2vec trains with 2 Web Workers over shared memory', { skip }, async () => {
  const r = await inPage(true, (page) => page.evaluate(
    ([c, o]) => (window as unknown as { train: (c: unknown, o: unknown) => Promise<PageRun> }).train(c, o),
    [sentences(), { ...options, threads: 2 }] as const,
  ));
  assert.equal(r.isolated, true);
  assert.equal(r.threads, 2);
  assert.deepEqual(r.eventThreads, [2]);
  assert.deepEqual(r.support.reason, null);
  assert.equal(r.words.length, 40);
  assert.ok(r.data.every(Number.isFinite) && Number.isFinite(r.finalLoss));
  assert.deepEqual(r.stages, ['vocabulary', 'training', 'done']);
  assert.equal(r.text, '40 16');
});

test('not isolated: one inline thread (said in the log) gives the vectors Node gives', { skip }, async () => {
  const corpus = sentences();
  const node = await trainWord2vec(corpus, { ...options, threads: 1 });
  const r = await inPage(false, (page) => page.evaluate(
    ([c, o]) => (window as unknown as { train: (c: unknown, o: unknown) => Promise<PageRun> }).train(c, o),
    [corpus, { ...options, threads: 2 }] as const,
  ));
  assert.equal(r.isolated, false);
  assert.equal(r.threads, 1);
  assert.deepEqual(r.eventThreads, [1]);
  assert.match(r.support.reason ?? '', /not cross-origin isolated/);
  assert.ok(r.logs.some((l) => /single thread: the page is not cross-origin isolated/.test(l)), r.logs.join('\n'));
  assert.deepEqual(r.words, [...node.vectors.words]);
  assert.deepEqual(r.data, Array.from(node.vectors.data));
});

test('a string and a Blob of text train as their sentences do', { skip }, async () => {
  const corpus = sentences();
  const text = corpus.map((s) => s.join(' ')).join('\n') + '\n';
  const node = await trainWord2vec(corpus, { ...options, threads: 1 });
  for (const asBlob of [false, true]) {
    const r = await inPage(false, (page) => page.evaluate(
      ([c, o, b]) => (window as unknown as { train: (c: unknown, o: unknown, b: boolean) => Promise<PageRun> }).train(c, o, b),
      [text, { ...options, threads: 1 }, asBlob] as const,
    ));
    assert.deepEqual(r.data, Array.from(node.vectors.data), asBlob ? 'Blob' : 'string');
  }
});
