// The playground (web/dist, built by `npm run web:build`) in headless Chromium: served with the
// COOP/COEP headers (cross-origin isolated: Web Workers over shared memory) and without them
// (one thread, and the page says so). Skipped when there is no Chromium (CI installs Debian's).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.js';
import { openPlayground, PLAYGROUND_SKIP, SENTIMENT_SENTENCES, servePlayground, textOf, trainWord2vecInPage, trainSentiment, typeSentiment } from './playground-page.js';

// small settings so that training takes a second or two: the first 5,000 sentences of Brown, one epoch
// (with LEXNET_SCREENSHOT set, the whole corpus and three epochs, for a screenshot worth showing)
const QUERY = process.env['LEXNET_SCREENSHOT'] ? '?epochs=3' : '?lines=5000&epochs=1&dim=32&minCount=3&sentimentEpochs=3';


describe('the playground in Chromium', { skip: PLAYGROUND_SKIP }, () => {
  const pg = servePlayground();

  test('cross-origin isolated: word2vec trains on Brown with threads, neighbours appear, the classifier and the gradient checks work, offline after one load', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, pg.isolated.url + QUERY);
    try {
      assert.equal(await page.evaluate(() => crossOriginIsolated), true);
      assert.match(await textOf(page, 'threads-status'), /^\d+ threads? \(cross-origin isolated\)$/);

      // the gradient-check panel: every check below 1e-7
      const select = page.getByTestId('gradcheck-select');
      const ids = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.ok(ids.length >= 8, `gradient checks: ${ids.join(', ')}`);
      for (const id of ids) {
        await select.selectOption(id);
        const error = Number(await page.getByTestId('gradcheck-max-error').getAttribute('data-value'));
        assert.ok(error < 1e-7, `${id}: max relative error ${error}`);
      }
      assert.ok(await page.getByTestId('gradcheck-table').locator('tr').count() > 3);

      // word2vec with two threads
      const threads = Math.min(2, Number(await page.getByTestId('threads').getAttribute('max')));
      await page.getByTestId('threads').fill(String(threads));
      const status = await trainWord2vecInPage(page);
      assert.match(status, new RegExp(`with ${threads} threads?\\b`));
      const neighbours = await page.getByTestId('neighbours').locator('li').allInnerTexts();
      assert.equal(neighbours.length, 10, `neighbours of "man": ${neighbours.join(' | ')}`);

      // sentiment: trained on SST-2 (fastText's model in the kernels), then typed sentences
      const sentiment = await trainSentiment(page);
      assert.ok(sentiment.accuracy > 0.7, `dev accuracy ${sentiment.accuracy}: ${sentiment.status}`);
      for (const [sentence, want] of SENTIMENT_SENTENCES) await typeSentiment(page, sentence, want);

      const shot = join(tempDir(), 'playground.png');
      await page.screenshot({ path: shot, fullPage: true });
      if (process.env['LEXNET_SCREENSHOT']) copyFileSync(shot, process.env['LEXNET_SCREENSHOT']);

      // downloads: word2vec text and binary files, headed "<words> <dim>"
      const vocabulary = Number((await textOf(page, 'w2v-status')).match(/^Trained ([\d,]+) words × (\d+)/)![1]!.replace(/,/g, ''));
      for (const [id, name] of [['download-text', 'vectors.txt'], ['download-binary', 'vectors.bin']] as const) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
        assert.equal(download.suggestedFilename(), name);
        const bytes = readFileSync((await download.path())!);
        assert.match(bytes.subarray(0, bytes.indexOf(10)).toString(), new RegExp(`^${vocabulary} \\d+$`));
      }

      // another word's neighbours
      await page.getByTestId('neighbour-word').fill('the');
      await page.getByTestId('neighbour-search').click();
      assert.doesNotMatch(await textOf(page, 'neighbours'), /not in the vocabulary/);
      // the map: 300 dots; hovering one names its word; the wheel zooms (dots move apart)
      const dots = page.getByTestId('word-map').locator('circle');
      assert.equal(await dots.count(), 300);
      await dots.nth(0).hover({ force: true });
      assert.match(await textOf(page, 'map-tooltip'), /^the \(#1 by frequency\)$/);
      const spread = async () => {
        const [a, b] = [(await dots.nth(0).boundingBox())!, (await dots.nth(1).boundingBox())!];
        return Math.hypot(a.x - b.x, a.y - b.y);
      };
      const spread0 = await spread();
      await page.mouse.wheel(0, -400);
      await page.waitForFunction(([d]) => {
        const [a, b] = Array.from(document.querySelectorAll('[data-testid="word-map"] circle')).map((c) => c.getBoundingClientRect());
        return Math.hypot(a!.x - b!.x, a!.y - b!.y) > 1.5 * d!;
      }, [spread0], { timeout: 5_000 });

      // offline once loaded: the service worker has cached the site
      await page.waitForFunction(() => document.querySelector('[data-testid="offline-status"]')?.textContent === 'available offline', undefined, { timeout: 20_000 });
      await page.context().setOffline(true);
      await page.reload();
      assert.match(await textOf(page, 'threads-status'), /cross-origin isolated/);
      await page.context().setOffline(false);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('without cross-origin isolation: one thread, and the page says so; word2vec still trains', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, pg.plain.url + QUERY);
    try {
      assert.equal(await page.evaluate(() => crossOriginIsolated), false);
      assert.equal(await textOf(page, 'threads-status'), '1 thread — page not cross-origin isolated');
      assert.equal(await page.getByTestId('threads').inputValue(), '1');
      const status = await trainWord2vecInPage(page);
      assert.match(status, /with 1 thread\b/);
      assert.equal(await page.getByTestId('neighbours').locator('li').count(), 10);

      // Stop: a long run (100 epochs) stops at once and says so
      await page.getByTestId('epochs').fill('100');
      await page.getByTestId('train-word2vec').click();
      await page.waitForFunction(() => /^Epoch \d+\/100/.test(document.querySelector('[data-testid="w2v-status"]')!.textContent!), undefined, { timeout: 20_000 });
      await page.getByTestId('stop-word2vec').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="w2v-status"]')!.textContent === 'Stopped.', undefined, { timeout: 5_000 });
      assert.equal(await page.getByTestId('train-word2vec').isEnabled(), true);
      await page.getByTestId('epochs').fill('1');

      // a text file chosen with the file input: its words are the vocabulary
      const lines = Array.from({ length: 400 }, (_, i) => `red green blue cat dog ${['alpha', 'beta', 'gamma'][i % 3]} fish bird`);
      await page.getByTestId('corpus-file').setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
      assert.equal(await page.getByTestId('corpus-file-choice').isChecked(), true);
      assert.match(await trainWord2vecInPage(page), /^Trained 10 words × \d+ on 3,200 tokens/);
      await page.getByTestId('neighbour-word').fill('dog');
      await page.getByTestId('neighbour-search').click();
      assert.equal(await page.getByTestId('neighbours').locator('li').count(), 9);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
