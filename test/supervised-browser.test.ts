// trainSupervised in real (headless) Chromium through the browser entry: Web Workers over shared
// memory when the page is cross-origin isolated, one inline thread when not, which predicts as
// Node's seeded single-thread model. Skips when Chromium is absent (LEXNET_CHROMIUM names another).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../src/core/random.js';
import { trainSupervised, type FastTextPrediction } from '../src/index.js';
import { buildPage, chromiumPath, serve } from './browser-page.js';

const chromium = chromiumPath();
const skip = chromium === null ? `no Chromium at ${process.env.LEXNET_CHROMIUM ?? '/usr/bin/chromium'} (set LEXNET_CHROMIUM)` : false;

function lines(): string[] {
  const r = new Random(4);
  const fill = ['the', 'film', 'was', 'a', 'plot'];
  return Array.from({ length: 400 }, () => {
    const pos = r.next() < 0.5;
    return `__label__${pos ? 'pos' : 'neg'} ${fill[Math.floor(r.next() * 5)]} ${pos ? 'good' : 'bad'} ${fill[Math.floor(r.next() * 5)]}`;
  });
}
const TEXTS = ['the film was good', 'a bad plot', 'unknown'];

const PAGE = `
import * as lexnet from 'lexnet';
window.trainSup = async (lines, options, texts) => {
  const events = [];
  const r = await lexnet.trainSupervised(lines, { ...options, onProgress: (e) => events.push(e.threads) });
  return { threads: r.threads, isolated: self.crossOriginIsolated, predictions: texts.map((t) => r.classifier.predict(t, { k: 2 })), eventThreads: [...new Set(events)] };
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

interface PageRun { threads: number; isolated: boolean; predictions: FastTextPrediction[][]; eventThreads: number[] }

async function inPage(isolated: boolean, options: object): Promise<PageRun> {
  const server = await serve(built, isolated);
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`); });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === 'ready');
    const out = await page.evaluate(([l, o, t]) => (window as unknown as { trainSup: (l: unknown, o: unknown, t: unknown) => Promise<PageRun> }).trainSup(l, o, t), [lines(), options, TEXTS] as const);
    assert.deepEqual(errors, []);
    return out;
  } finally {
    await page.close();
    await server.close();
  }
}

const options = { dim: 8, epochs: 3, learningRate: 0.5, seed: 3, wordNgrams: 2, bucket: 1000 };

test('cross-origin isolated: trainSupervised trains with 2 Web Workers', { skip }, async () => {
  const r = await inPage(true, { ...options, threads: 2 });
  assert.equal(r.isolated, true);
  assert.equal(r.threads, 2);
  assert.deepEqual(r.eventThreads, [2]);
  assert.equal(r.predictions[0]![0]!.label, '__label__pos');
  assert.equal(r.predictions[1]![0]!.label, '__label__neg');
});

test('not isolated: one inline thread, predicting as Node\'s seeded single-thread model', { skip }, async () => {
  const node = await trainSupervised(lines(), { ...options, threads: 1 });
  const r = await inPage(false, { ...options, threads: 2 });
  assert.equal(r.threads, 1);
  TEXTS.forEach((t, i) => {
    const ours = node.classifier.predict(t, { k: 2 });
    assert.deepEqual(r.predictions[i]!.map((p) => p.label), ours.map((p) => p.label));
    r.predictions[i]!.forEach((p, j) => assert.ok(Math.abs(p.probability - ours[j]!.probability) < 1e-4));
  });
});
