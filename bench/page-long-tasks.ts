/**
 * How long the playground freezes its page: opens the built playground (web/dist) in headless
 * Chromium, cross-origin isolated, records every long task of the page's main thread (a
 * PerformanceObserver for 'longtask': any task over 50 ms, when clicks and typing wait) and walks
 * through what a visitor does — the gradient checks, word2vec training and its results, the
 * sentiment classifier and a typed sentence, the vector downloads, zooming the word map. Prints, per step, the number of
 * long tasks and the longest; the last line is one JSON object. Figures, not assertions: a busy
 * machine lengthens every task.
 *
 *   node dist/bench/page-long-tasks.js [--plain] [--query '?lines=5000&epochs=1&dim=32&minCount=3&sentimentEpochs=3&nosw']
 *   node dist/bench/page-long-tasks.js --library
 *
 * `--plain`: the playground served without the cross-origin-isolation headers (one thread).
 *
 * `--library`: instead of the playground, a page that calls lexnet's long calls on its main thread,
 * as an application would (no worker of its own): trainClassifier on SST-2 (web/public/sst2),
 * loadClassifier of the result, trainTagger on CoNLL-sized generated sentences, loadTagger, and
 * trainWord2vec on the Brown text without cross-origin isolation (one inline thread).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchChromium } from '../test/browser.js';
import { buildPage, chromiumPath, serve } from '../test/browser-page.js';
import { arg, root } from './common.js';

const site = join(root, 'web', 'dist');
const library = process.argv.includes('--library');
if (!library && !existsSync(join(site, 'index.html'))) {
  console.error('page-long-tasks: no built playground (web/dist): run npm run web:build');
  process.exit(1);
}
if (!chromiumPath()) {
  console.error('page-long-tasks: no Chromium at /usr/bin/chromium (apt-get install chromium, or set LEXNET_CHROMIUM)');
  process.exit(1);
}
const query = arg('query', '?lines=5000&epochs=1&dim=32&minCount=3&sentimentEpochs=3&nosw');

/** The library page: each window.run[name]() makes one call of lexnet's on the page's main thread. */
const PAGE = `
import { trainClassifier, loadClassifier, trainTagger, loadTagger, trainWord2vec, Random } from 'lexnet';
const sst2 = async (name) => (await (await fetch('./sst2/' + name)).text()).split('\\n').slice(1).filter(Boolean).map((l) => { const [text, label] = l.split('\\t'); return { text, label }; });
const tagged = (n, seed) => {
  const rng = new Random(seed), tags = ['O', 'B-PER', 'I-PER', 'B-LOC', 'B-ORG'];
  return Array.from({ length: n }, () => {
    const words = Array.from({ length: 3 + Math.floor(rng.next() * 22) }, () => 'W' + Math.floor(rng.next() ** 2 * 20000));
    return { words, tags: words.map(() => tags[Math.floor(rng.next() ** 3 * tags.length)]) };
  });
};
let clf, tagger;
window.run = {
  trainClassifier: async () => { clf = await trainClassifier(await sst2('train.tsv'), await sst2('dev.tsv'), { epochs: 3 }); },
  loadClassifier: async () => { await loadClassifier(clf.toBytes()); },
  trainTagger: async () => { tagger = await trainTagger(tagged(14000, 3), tagged(3250, 4), { epochs: 1, threads: 1 }); },
  loadTagger: async () => { await loadTagger(tagger.toBytes()); },
  trainWord2vec: async () => { await trainWord2vec(await (await fetch('./brown.txt')).text(), { epochs: 1, dim: 50, threads: 1 }); },
};
document.title = 'ready';
`;

let pageDir = site;
if (library) {
  pageDir = await buildPage(PAGE);
  for (const f of ['brown.txt', 'sst2/train.tsv', 'sst2/dev.tsv']) {
    mkdirSync(dirname(join(pageDir, f)), { recursive: true });
    copyFileSync(join(root, 'web', 'public', f), join(pageDir, f));
  }
}
const server = await serve(pageDir, !library && !process.argv.includes('--plain'));
const browser = await launchChromium();
const rows: { step: string; tasks: number; longestMs: number; totalMs: number }[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // installed before the page's own scripts: long tasks from the first one on
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  let seen = 0;
  const step = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    await work();
    await page.waitForTimeout(300); // the observer reports a task after it ends
    const all = await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
    const mine = all.slice(seen);
    seen = all.length;
    const row = { step: name, tasks: mine.length, longestMs: Math.max(0, ...mine.map((t) => t.duration)), totalMs: mine.reduce((s, t) => s + t.duration, 0) };
    rows.push(row);
    console.error(`${name}: ${row.tasks} long tasks, longest ${row.longestMs.toFixed(0)} ms`);
  };
  if (library) {
    await step('load the page', async () => { await page.goto(server.url); await page.waitForFunction(() => document.title === 'ready'); });
    for (const name of ['trainClassifier', 'loadClassifier', 'trainTagger', 'loadTagger', 'trainWord2vec']) {
      await step(`${name} on the main thread`, () => page.evaluate((n) => (window as unknown as { run: Record<string, () => Promise<void>> }).run[n]!(), name));
    }
  } else {
  await step('load the page', () => page.goto(server.url + query));
  await step('gradient checks (every one)', async () => {
    const select = page.getByTestId('gradcheck-select');
    const ids = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    for (const id of ids) await select.selectOption(id);
  });
  await step('word2vec: train, neighbours, map', async () => {
    await page.getByTestId('train-word2vec').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="w2v-speed"], [data-testid="w2v-status"].error'), undefined, { timeout: 120_000 });
  });
  await step('sentiment: train on SST-2', async () => {
    await page.getByTestId('train-sentiment').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sentiment-accuracy"], [data-testid="sentiment-status"].error'), undefined, { timeout: 120_000 });
  });
  await step('sentiment: type a sentence', async () => {
    await page.getByTestId('sentiment-input').fill('');
    await page.getByTestId('sentiment-input').pressSequentially('a wonderful , moving film .', { delay: 20 });
  });
  for (const [id, what] of [['download-text', 'text'], ['download-binary', 'binary']] as const) {
    await step(`word2vec: download the ${what} file`, async () => {
      await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    });
  }
  await step('word map: zoom', async () => {
    await page.getByTestId('word-map').hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200);
  });
  }
} finally {
  await browser.close();
  await server.close();
}
const width = Math.max(...rows.map((r) => r.step.length));
console.log(`${'step'.padEnd(width)}  long tasks  longest ms  total ms`);
for (const r of rows) console.log(`${r.step.padEnd(width)}  ${String(r.tasks).padStart(10)}  ${r.longestMs.toFixed(0).padStart(10)}  ${r.totalMs.toFixed(0).padStart(8)}`);
console.log(JSON.stringify({ longestMs: Math.max(...rows.map((r) => r.longestMs)), steps: rows }));
