// The playground's word vectors with fastText's subwords, in headless Chromium: trained with the
// subwords box, or a fastText .bin opened from disk, the neighbour box, the analogies and the word
// map take words that are not in the vocabulary (their vectors come from their character n-grams);
// without subwords such words are refused as before. Skipped without Chromium.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { decodeFastTextVectors, encodeFastTextModel, trainWord2vec } from '../src/index.js';
import { tempDir } from './cli.js';
import { openPlayground, PLAYGROUND_SKIP, servePlayground, textOf, trainWord2vecInPage } from './playground-page.js';


/** Searches the neighbours of `word`; returns the words listed (or the one line of refusal). */
async function neighbours(page: Page, word: string): Promise<string[]> {
  await page.getByTestId('neighbour-word').fill(word);
  await page.getByTestId('neighbour-search').click();
  return page.getByTestId('neighbours').locator('li').evaluateAll((lis) => lis.map((li) => li.firstChild?.textContent ?? ''));
}

describe('the playground answers words outside the vocabulary when the vectors have subwords', { skip: PLAYGROUND_SKIP }, () => {
  const pg = servePlayground();

  test('trained with subwords (Web Worker threads): a misspelt word gets neighbours, an analogy and a place on the map', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, `${pg.isolated.url}?nosw&lines=5000&epochs=1&dim=32&minCount=3&subwords&bucket=20000`);
    try {
      assert.equal(await page.getByTestId('subwords').isChecked(), true);
      const threads = Math.min(2, Number(await page.getByTestId('threads').getAttribute('max')));
      await page.getByTestId('threads').fill(String(threads));
      assert.match(await trainWord2vecInPage(page), /subwords in 20,000 buckets: any word gets a vector\.$/);

      const near = await neighbours(page, 'presidentt');
      assert.equal(near.length, 10, near.join(' | '));
      // Hogwild threads on a small, one-epoch run vary the order (one run put "residential" third and "president" eighth):
      // the nearest shares its n-grams, and at least four of the ten contain "president"
      const sharing = near.filter((w) => w.includes('president')).length;
      assert.ok(near[0].includes('resid') && sharing >= 4, `neighbours of "presidentt": ${near.join(', ')}`);
      assert.equal(await textOf(page, 'neighbour-note'), '"presidentt" is not in the vocabulary: its vector is the mean of its character n-grams.');
      // a word of the vocabulary: no note
      assert.equal((await neighbours(page, 'the')).length, 10);
      assert.equal(await page.getByTestId('neighbour-note').isHidden(), true);

      await page.getByTestId('analogy-c').fill('womann');
      await page.getByTestId('analogy-solve').click();
      assert.equal(await page.getByTestId('analogy-results').locator('li:not(.none)').count(), 5, await textOf(page, 'analogy-results'));

      // the map: two added words, one misspelt, drawn apart and named by the tooltip
      // (jury is among the 300 most frequent words, senator is not)
      await page.getByTestId('map-words').fill('presidentt, senator jury');
      await page.getByTestId('map-add').click();
      const added = page.getByTestId('word-map').locator('circle.added');
      await added.first().waitFor({ timeout: 5_000 });
      assert.deepEqual(await added.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-word'))), ['presidentt', 'senator']);
      assert.equal(await page.getByTestId('word-map').locator('circle').count(), 302);
      assert.equal(await textOf(page, 'map-words-status'), 'already on the map: jury; presidentt: placed by its character n-grams');
      await added.first().hover({ force: true });
      assert.equal(await textOf(page, 'map-tooltip'), 'presidentt (added: not in the vocabulary, placed by its n-grams)');

      // the model as fastText's .bin: Node reads it and gives the page's neighbours of the unseen word
      const vocabulary = Number((await textOf(page, 'w2v-status')).match(/^Trained ([\d,]+) words × 32 /)![1]!.replace(/,/g, ''));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-fasttext').click()]);
      assert.equal(download.suggestedFilename(), 'model.bin');
      const model = decodeFastTextVectors(readFileSync((await download.path())!));
      assert.equal(model.size, vocabulary);
      assert.equal(model.hasSubwords, true);
      assert.deepEqual(model.mostSimilar('presidentt', { topn: 10 }).map((n) => n.word), near);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('without subwords (one thread): an unseen word is refused by the neighbour box and the map, as before', async () => {
    const { page, errors, close } = await openPlayground(pg.browser, `${pg.plain.url}?nosw&lines=2000&epochs=1&dim=16&minCount=3`);
    try {
      assert.equal(await page.getByTestId('subwords').isChecked(), false);
      assert.equal(await page.getByTestId('bucket').isDisabled(), true);
      assert.doesNotMatch(await trainWord2vecInPage(page), /subwords/);
      assert.equal(await page.getByTestId('download-fasttext').isHidden(), true);
      assert.deepEqual(await neighbours(page, 'presidentt'), ['"presidentt" is not in the vocabulary']);
      assert.equal(await page.getByTestId('neighbour-note').isHidden(), true);
      await page.getByTestId('map-words').fill('presidentt');
      await page.getByTestId('map-add').click();
      assert.equal(await textOf(page, 'map-words-status'), 'not in the vocabulary: presidentt');
      assert.equal(await page.getByTestId('word-map').locator('circle.added').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("a fastText .bin opened from disk: unseen words get the neighbours Node's decodeFastTextVectors gives; a word2vec file has no subwords", async () => {
    // a small skip-gram model with subwords, trained and written in Node
    const stems = ['walk', 'talk', 'jump', 'play', 'climb', 'paint', 'cook', 'clean', 'open', 'watch'];
    const sentences = Array.from({ length: 300 }, (_, i) => {
      const s = stems[i % stems.length]!, t = stems[(i * 7 + 3) % stems.length]!;
      return ['we', s, 'and', `${t}ed`, 'while', 'they', `${s}ing`, 'or', `${t}s`, 'today'];
    });
    const r = await trainWord2vec(sentences, { subwords: true, bucket: 5000, dim: 16, minCount: 1, epochs: 3, threads: 1, seed: 7, quiet: true });
    const bytes = Buffer.concat([...encodeFastTextModel(r.fastText!)]);
    const dir = tempDir();
    const bin = join(dir, 'model.bin');
    writeFileSync(bin, bytes);
    const want = decodeFastTextVectors(bytes).mostSimilar('cookings', { topn: 10 }).map((n) => n.word);

    const { page, errors, close } = await openPlayground(pg.browser, `${pg.plain.url}?nosw`);
    try {
      await page.getByTestId('vectors-file').setInputFiles(bin);
      await page.waitForFunction(() => document.querySelector('[data-testid="w2v-opened"], [data-testid="w2v-status"].error'), undefined, { timeout: 20_000 });
      assert.equal(await page.getByTestId('w2v-opened').getAttribute('data-subwords'), 'true', await textOf(page, 'w2v-status'));
      assert.match(await textOf(page, 'w2v-status'), /^model\.bin: \d+ words × 16 with subwords/);
      assert.equal(await page.getByTestId('download-fasttext').isHidden(), true); // only a model trained here is offered as .bin
      assert.deepEqual(await neighbours(page, 'cookings'), want);
      assert.equal(await page.getByTestId('neighbour-note').isHidden(), false);

      // the language-identification panel refuses it: an unsupervised model has no labels
      await page.getByTestId('lid-file').setInputFiles(bin);
      await page.waitForFunction(() => document.querySelector('[data-testid="lid-status"].error'), undefined, { timeout: 20_000 });
      assert.match(await textOf(page, 'lid-status'), /^Could not read the model: model\.bin: an unsupervised fastText model \(skipgram\) has no labels to predict/);

      // word2vec's text format: no subwords, unseen words refused
      const txt = join(dir, 'vectors.txt');
      writeFileSync(txt, r.vectors.toBytes('text'));
      await page.getByTestId('vectors-file').setInputFiles(txt);
      await page.waitForFunction(() => document.querySelector('[data-testid="w2v-opened"]')?.textContent === 'vectors.txt', undefined, { timeout: 20_000 });
      assert.equal(await page.getByTestId('w2v-opened').getAttribute('data-subwords'), 'false');
      assert.deepEqual(await neighbours(page, 'cookings'), ['"cookings" is not in the vocabulary']);
      // an opened file downloads as a run's vectors do (written by the worker)
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-text').click()]);
      assert.equal(readFileSync((await download.path())!, 'utf8').split('\n')[0], `${r.vectors.size} 16`);

      // not a vectors file: refused by name
      const bad = join(dir, 'notes.bin');
      writeFileSync(bad, 'hello world\n');
      await page.getByTestId('vectors-file').setInputFiles(bad);
      await page.waitForFunction(() => document.querySelector('[data-testid="w2v-status"].error'), undefined, { timeout: 20_000 });
      assert.match(await textOf(page, 'w2v-status'), /^Could not open the vectors: notes\.bin\b/);
      assert.equal(await page.getByTestId('train-word2vec').isEnabled(), true);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
