// Helpers of the playground's browser tests: where the built site is, and a page opened in a fresh
// context that collects the console errors and uncaught exceptions of the page and its workers.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath } from './browser-page.js';

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
