// Helpers of the playground's browser tests: where the built site is, Chromium launched and the site
// served with and without the cross-origin-isolation headers for a describe block, a page opened in a
// fresh context that collects the console errors and uncaught exceptions of the page and its workers,
// and the sentiment panel driven as a user would.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { chromiumPath, serve } from './browser-page.js';

/** The built playground (`npm run web:build` writes it). */
export const PLAYGROUND_SITE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/** Why the playground's browser tests skip, or false when they run. */
export const PLAYGROUND_SKIP: string | false = chromiumPath() === null
  ? 'no Chromium at /usr/bin/chromium (apt-get install chromium, or set LEXNET_CHROMIUM)'
  : false;

/** Throws when the site has not been built. */
export function assertPlaygroundBuilt(): void {
  if (!existsSync(join(PLAYGROUND_SITE, 'index.html'))) throw new Error(`${PLAYGROUND_SITE}/index.html is missing: run npm run web:build`);
}

/** A running static server of the site. */
type Site = Awaited<ReturnType<typeof serve>>;

/** Chromium and the site served twice: `isolated` (COOP/COEP: Web Workers over shared memory) and `plain` (one thread). */
export interface PlaygroundServers {
  browser: Browser;
  isolated: Site;
  plain: Site;
}

/**
 * Registers the `before` and `after` hooks of the current describe block that launch Chromium and
 * serve the built site with and without isolation; the object returned is filled in by `before`.
 */
export function servePlayground(): PlaygroundServers {
  const s = {} as PlaygroundServers;
  before(async () => {
    assertPlaygroundBuilt();
    s.browser = await launchChromium();
    s.isolated = await serve(PLAYGROUND_SITE, true);
    s.plain = await serve(PLAYGROUND_SITE, false);
  });
  after(async () => {
    await s.browser?.close();
    await s.isolated?.close();
    await s.plain?.close();
  });
  return s;
}

/** Opens `url` in a new context; `errors` collects console errors and exceptions of the page and its workers. */
export async function openPlayground(browser: Browser, url: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker console: ${m.text()}`); }));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** The inner text of the element with this data-testid. */
export const textOf = (page: Page, id: string): Promise<string> => page.getByTestId(id).innerText();

/** Trains word2vec with the page's settings and waits for the speed line; returns the status text. */
export async function trainWord2vecInPage(page: Page): Promise<string> {
  await page.getByTestId('train-word2vec').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="w2v-speed"], [data-testid="w2v-status"].error'), undefined, { timeout: 60_000 });
  const status = await textOf(page, 'w2v-status');
  assert.equal(await page.getByTestId('w2v-speed').count(), 1, status);
  return status;
}

/** What the sentiment panel says of a finished run. */
export interface SentimentRun {
  accuracy: number;
  kind: string;
  threads: number;
  status: string;
}

/** Trains the sentiment panel's classifier of `kind` (the select's value; default the page's) and waits for its dev accuracy. */
export async function trainSentiment(page: Page, kind?: 'supervised' | 'fasttext'): Promise<SentimentRun> {
  if (kind) await page.getByTestId('sentiment-kind').selectOption(kind);
  await page.getByTestId('train-sentiment').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sentiment-accuracy"], [data-testid="sentiment-status"].error'), undefined, { timeout: 60_000 });
  const status = await page.getByTestId('sentiment-status').innerText();
  const shown = page.getByTestId('sentiment-accuracy');
  assert.equal(await shown.count(), 1, status);
  return {
    accuracy: Number(await shown.getAttribute('data-value')), kind: (await shown.getAttribute('data-kind'))!,
    threads: Number(await shown.getAttribute('data-threads')), status,
  };
}

/** Types `sentence` into the sentiment box (no button: the label follows the typing), waits for its label to be `want`; returns P(want) as shown. */
export async function typeSentiment(page: Page, sentence: string, want: 'positive' | 'negative'): Promise<number> {
  const input = page.getByTestId('sentiment-input');
  await input.fill('');
  await input.pressSequentially(sentence);
  await page.waitForFunction(([w, t]) => {
    const label = document.querySelector('[data-testid="sentiment-label"]');
    return label?.getAttribute('data-text') === t && label.textContent === w;
  }, [want, sentence], { timeout: 10_000 })
    .catch(async (e: Error) => { throw new Error(`${sentence}: expected ${want}, the panel shows ${await page.getByTestId('sentiment-prediction').innerText()}: ${e.message}`); });
  const p = Number(await page.getByTestId(`sentiment-probability-${want}`).getAttribute('data-value'));
  assert.ok(p > 0.5 && p < 1 + 1e-4, `${sentence}: P(${want}) = ${p}`); // fastText's float32 softmax can pass 1 by ~1e-5, as its predict-prob prints
  return p;
}

/** A clearly positive and a clearly negative sentence, written as SST-2 writes its text. */
export const SENTIMENT_SENTENCES = [['a wonderful , moving and beautiful film .', 'positive'], ['a dull , tedious and boring mess .', 'negative']] as const;
