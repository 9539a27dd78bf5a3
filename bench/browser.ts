/**
 * word2vec in the browser vs in Node, in one run: opens the built playground (web/dist) in
 * headless Chromium, cross-origin isolated (Web Workers over shared memory), trains on the built-in
 * Brown text through the page's `window.lexnetBench` hook, then trains Node's trainWord2vec on the
 * same text with the same settings (default: skip-gram, dim 100, window 5, negative 5, sample 1e-3,
 * min-count 5, 5 epochs, 2 threads). Prints both speeds; the last line is one JSON object
 * `{"browserWordsPerSecond": …, "nodeWordsPerSecond": …, "threads": …}`.
 *
 *   npm run bench:browser [-- --threads 2 --epochs 5 --dim 100 --window 5 --negative 5 --sample 1e-3 --min-count 5 --lines N]
 *
 * (`--lines N` trains on the first N sentences only, to check that the benchmark works.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { textCorpus, trainWord2vec } from '../src/index.js';
import { launchChromium } from '../test/browser.js';
import { chromiumPath, serve } from '../test/browser-page.js';
import { arg, root, workDir } from './common.js';

const settings = {
  dim: Number(arg('dim', '100')), window: Number(arg('window', '5')), negative: Number(arg('negative', '5')), sample: Number(arg('sample', '1e-3')),
  minCount: Number(arg('min-count', '5')), epochs: Number(arg('epochs', '5')), threads: Number(arg('threads', '2')),
};
const lines = arg('lines', '') === '' ? undefined : Number(arg('lines', ''));
const site = join(root, 'web', 'dist');
const brown = join(root, 'web', 'public', 'brown.txt');
if (!existsSync(join(site, 'index.html')) || !existsSync(brown)) {
  console.error('bench:browser: no built playground (web/dist) or Brown text: run npm run web:build');
  process.exit(1);
}
if (!chromiumPath()) {
  console.error('bench:browser: no Chromium at /usr/bin/chromium (apt-get install chromium, or set LEXNET_CHROMIUM)');
  process.exit(1);
}
console.log(`settings: ${JSON.stringify({ ...settings, lines: lines ?? 'all' })}`);

// the browser: the built page, isolated, with no service worker (nothing between the page and the server)
const server = await serve(site, true);
const browser = await launchChromium();
let browserRun: { wordsPerSecond: number; threads: number; seconds: number; trainWords: number; vocabulary: number };
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.url}?nosw`);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  if (!isolated) throw new Error('the page is not cross-origin isolated');
  browserRun = await page.evaluate((o) => (window as unknown as { lexnetBench(o: object): Promise<typeof browserRun> }).lexnetBench(o), { ...settings, ...(lines === undefined ? {} : { lines }) });
} finally {
  await browser.close();
  await server.close();
}
console.log(`browser: ${Math.round(browserRun.wordsPerSecond).toLocaleString('en-US')} words/s (${browserRun.threads} threads, ${browserRun.seconds.toFixed(1)} s, ${browserRun.vocabulary} words)`);

// Node: the same text (the same first lines), the same settings
let corpusFile = brown;
if (lines !== undefined) {
  const text = readFileSync(brown, 'utf8').split('\n').slice(0, lines).join('\n') + '\n';
  corpusFile = join(workDir('lexnet-browser-bench-'), 'brown.txt');
  writeFileSync(corpusFile, text);
}
const node = await trainWord2vec(textCorpus(corpusFile), settings);
console.log(`node:    ${Math.round(node.wordsPerSecond).toLocaleString('en-US')} words/s (${settings.threads} threads, ${node.seconds.toFixed(1)} s, ${node.vectors.size} words)`);
console.log(`browser / node: ${(browserRun.wordsPerSecond / node.wordsPerSecond).toFixed(2)}`);
console.log(JSON.stringify({ browserWordsPerSecond: Math.round(browserRun.wordsPerSecond), nodeWordsPerSecond: Math.round(node.wordsPerSecond), threads: settings.threads }));
