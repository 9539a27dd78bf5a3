// The playground's sentiment panel in headless Chromium: fastText's supervised model trained in the
// WebAssembly kernels on SST-2 (Web Worker threads when the page is cross-origin isolated, one inline
// thread when not), labels following the typed text, the model downloaded as fastText's `.bin` that
// Node's loader reads and that predicts the page's labels, and the same file opened by the page's
// language-identification panel. The older kind (bag of words and bigrams) stays a choice of the select.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFastTextClassifier } from '../src/index.js';
import { openPlayground, PLAYGROUND_SKIP, SENTIMENT_SENTENCES, servePlayground, trainSentiment, typeSentiment } from './playground-page.js';

describe('the playground\'s sentiment panel trains fastText\'s model in the kernels', { skip: PLAYGROUND_SKIP }, () => {
  const pg = servePlayground();

  test('cross-origin isolated: trained with Web Worker threads; typed sentences labelled; the .bin download predicts the same in Node and in the language-ID panel', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, `${pg.isolated.url}?nosw`);
    try {
      assert.equal(await page.getByTestId('sentiment-kind').inputValue(), 'supervised');
      assert.equal(await page.getByTestId('sentiment-download').isHidden(), true);
      const pageThreads = Number(await page.getByTestId('threads-status').getAttribute('data-threads'));
      const run = await trainSentiment(page);
      assert.equal(run.kind, 'supervised');
      assert.equal(run.threads, pageThreads, run.status);
      if (await page.evaluate(() => navigator.hardwareConcurrency) >= 2) assert.ok(run.threads >= 2, run.status); // Hogwild Web Workers
      assert.match(run.status, new RegExp(`fastText's model, 5 epochs on ${pageThreads} threads?,`));
      assert.ok(run.accuracy > 0.7, `dev accuracy ${run.accuracy}: ${run.status}`);
      const shown: number[] = [];
      for (const [sentence, want] of SENTIMENT_SENTENCES) shown.push(await typeSentiment(page, sentence, want));

      // fastText's .bin: Node's loader reads it, and it predicts the page's labels and probabilities
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sentiment-download').click()]);
      assert.equal(download.suggestedFilename(), 'sentiment.bin');
      const path = (await download.path())!;
      const model = await loadFastTextClassifier(path);
      assert.deepEqual([...model.labels].sort(), ['__label__negative', '__label__positive']);
      assert.equal(model.args.wordNgrams, 2);
      SENTIMENT_SENTENCES.forEach(([sentence, want], i) => {
        const top = model.predict(sentence)[0]!;
        assert.equal(top.label, `__label__${want}`, sentence);
        assert.ok(Math.abs(top.probability - shown[i]!) < 1e-4, `${sentence}: Node ${top.probability}, the page ${shown[i]}`);
      });

      // the same file opened by the language-identification panel: its labels follow the typing
      await page.getByTestId('lid-file').setInputFiles(path);
      await page.getByTestId('lid-model').waitFor({ timeout: 20_000 });
      assert.equal(await page.getByTestId('lid-model').getAttribute('data-labels'), '2');
      for (const [sentence, want] of SENTIMENT_SENTENCES) {
        await page.getByTestId('lid-input').fill(sentence);
        await page.waitForFunction((l) => document.querySelector('[data-testid="lid-label"]')?.getAttribute('data-label') === l, `__label__${want}`, { timeout: 10_000 });
      }
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('not isolated: one inline thread, labels right; the older kind is still a choice and has no .bin', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, `${pg.plain.url}?nosw&sentimentEpochs=3`);
    try {
      assert.equal(await page.evaluate(() => crossOriginIsolated), false);
      const run = await trainSentiment(page);
      assert.equal(run.kind, 'supervised');
      assert.equal(run.threads, 1, run.status);
      assert.match(run.status, /fastText's model, 3 epochs on 1 thread,/);
      assert.ok(run.accuracy > 0.7, `dev accuracy ${run.accuracy}: ${run.status}`);
      for (const [sentence, want] of SENTIMENT_SENTENCES) await typeSentiment(page, sentence, want);
      assert.equal(await page.getByTestId('sentiment-download').isHidden(), false);

      const old = await trainSentiment(page, 'fasttext');
      assert.equal(old.kind, 'fasttext');
      assert.match(old.status, /epoch \d of 3 kept/);
      assert.ok(old.accuracy > 0.7, `dev accuracy ${old.accuracy}: ${old.status}`);
      for (const [sentence, want] of SENTIMENT_SENTENCES) await typeSentiment(page, sentence, want);
      assert.equal(await page.getByTestId('sentiment-download').isHidden(), true);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
