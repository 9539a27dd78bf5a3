// The browser entry bundles without Node: importing one function pulls in little else, and the
// word2vec trainer (Web Workers, kernels) brings no `node:` module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleForBrowser } from './browser-page.js';

const NODE_IMPORT = /\bnode:[a-z_/]+|from\s*["'](fs|os|path|crypto|worker_threads|v8)["']|require\(/;

test('a browser bundle of `softmax` holds neither word2vec nor tagger code, nor any node: import', async () => {
  const js = await bundleForBrowser("import { softmax } from 'lexnet';\nexport const probabilities = softmax([1, 2, 3]);\n");
  assert.match(js, /function softmax/);
  assert.doesNotMatch(js, NODE_IMPORT);
  for (const marker of ['trainChunk', 'word2vec', 'Worker', 'tagger', 'WebAssembly', 'cli-progress', 'commander']) {
    assert.ok(!js.includes(marker), `the bundle mentions ${marker}`);
  }
  assert.ok(js.length < 20_000, `the bundle is ${js.length} characters`);
});

test('a browser bundle of trainWord2vec, encodeVectors, decodeVectors, trainClassifier, loadClassifier, loadVectors, trainTagger and loadTagger has no node: import', async () => {
  const js = await bundleForBrowser(
    "import { trainWord2vec, encodeVectors, decodeVectors, trainClassifier, webThreads, loadClassifier, loadVectors, trainTagger, loadTagger } from 'lexnet';\nexport { trainWord2vec, encodeVectors, decodeVectors, trainClassifier, webThreads, loadClassifier, loadVectors, trainTagger, loadTagger };\n",
  );
  assert.match(js, /trainChunk/);
  assert.doesNotMatch(js, NODE_IMPORT);
  for (const marker of ['worker_threads', 'readFileSync', 'process.env', 'cli-progress', 'csv-parse']) {
    assert.ok(!js.includes(marker), `the bundle mentions ${marker}`);
  }
});
