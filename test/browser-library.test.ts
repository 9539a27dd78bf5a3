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
window.abortHere = async (corpus) => {
  const controller = new AbortController();
  let threads = 0;
  try {
    await lexnet.trainWord2vec(corpus, { dim: 32, epochs: 5000, minCount: 1, sample: 0, threads: 2, signal: controller.signal,
      onProgress: (p) => { if (p.stage === 'training') { threads = p.threads; controller.abort(); } } });
    return { aborted: false, threads };
  } catch (e) {
    return { aborted: lexnet.isAbortError(e), threads, error: String(e) };
  }
};
window.abortInWorker = () => new Promise((resolve) => {
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
  const seen = [];
  worker.onmessage = (e) => {
    seen.push(e.data.kind);
    if (e.data.kind === 'progress' && !seen.includes('abort-sent')) { seen.push('abort-sent'); worker.postMessage('abort'); }
    if (e.data.kind === 'end') { worker.terminate(); resolve({ ...e.data, seen }); }
  };
  worker.onerror = (e) => resolve({ kind: 'end', error: e.message, seen });
});
document.title = 'ready';
`;

/** A worker that trains a long run inline and aborts when the page says so. */
const TRAIN_WORKER = `
import { trainWord2vec, isAbortError } from 'lexnet';
const controller = new AbortController();
self.onmessage = (e) => { if (e.data === 'abort') controller.abort(); };
const words = Array.from({ length: 50 }, (_, i) => 'w' + i);
const corpus = Array.from({ length: 2000 }, (_, s) => Array.from({ length: 12 }, (_, i) => words[(s * 7 + i * i) % 50]));
let training = 0;
trainWord2vec(corpus, { dim: 32, epochs: 2000, minCount: 1, sample: 0, threads: 4, signal: controller.signal,
  onProgress: (p) => { if (p.stage === 'training' && training++ === 0) self.postMessage({ kind: 'progress', threads: p.threads }); } })
  .then(() => self.postMessage({ kind: 'end', aborted: false }),
        (e) => self.postMessage({ kind: 'end', aborted: isAbortError(e), error: String(e), events: training }));
`;

let browser: import('playwright-core').Browser | undefined;
let built = '';

before(async () => {
  if (skip) return;
  built = await buildPage(PAGE, { 'train-worker.js': TRAIN_WORKER });
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

test('inline training inside a Web Worker keeps receiving messages: an abort posted to it stops the run', { skip }, async () => {
  const r = await inPage(false, (page) => page.evaluate(() => (window as unknown as { abortInWorker: () => Promise<{ aborted: boolean; error?: string; seen: string[] }> }).abortInWorker()));
  assert.equal(r.aborted, true, r.error);
  assert.deepEqual(r.seen, ['progress', 'abort-sent', 'end']);
});

test('cross-origin isolated: aborting stops the Web Workers and rejects with an AbortError', { skip }, async () => {
  const r = await inPage(true, (page) => page.evaluate(
    (c) => (window as unknown as { abortHere: (c: unknown) => Promise<{ aborted: boolean; threads: number; error?: string }> }).abortHere(c),
    sentences(),
  ));
  assert.deepEqual(r, { aborted: true, threads: 2, error: r.error });
});
