import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LexnetError, textCorpus, trainWord2vec } from '../src/index.js';
import { readWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { tempDir, writeTemp } from './cli.js';
import { topicCorpus } from './corpora.js';

/** Fixed so CI is reproducible; LEXNET_FUZZ_SEED and LEXNET_FUZZ_SCALE hunt further. */
const FUZZ_SEED = Number(process.env.LEXNET_FUZZ_SEED ?? 20261122);
const FUZZ_SCALE = Number(process.env.LEXNET_FUZZ_SCALE ?? 1);

const dir = tempDir();

/** Reading `bytes` as a checkpoint either succeeds or throws a LexnetError, never anything else. */
function readsOrRefuses(bytes: Uint8Array): boolean {
  const file = join(dir, 'fuzz.ck');
  writeFileSync(file, bytes);
  try {
    const c = readWord2vecCheckpoint(file);
    // issue 19: what loads is what a vector file can hold
    assert.ok(c.syn0.every(Number.isFinite) && c.syn1.every(Number.isFinite), 'a non-finite weight loaded');
    assert.equal(new Set(c.words).size, c.words.length, 'a duplicated word loaded');
  } catch (e) {
    if (!(e instanceof LexnetError)) throw e;
    assert.match(e.message, /fuzz.ck/);
  }
  return true;
}

test('the checkpoint reader: any bytes, and any damage to a real checkpoint, parse or give a LexnetError', async () => {
  const ck = join(dir, 'real.ck');
  await trainWord2vec(textCorpus(writeTemp(dir, 'c.txt', topicCorpus(100, 1))), { dim: 4, epochs: 1, minCount: 1, threads: 1, quiet: true, checkpoint: { path: ck } });
  const good = new Uint8Array(readFileSync(ck));
  const nl = good.indexOf(10, good.indexOf(10) + 1);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), readsOrRefuses), { numRuns: 200 * FUZZ_SCALE, seed: FUZZ_SEED });
  // cut anywhere, or bytes changed anywhere (most of them in the header)
  fc.assert(fc.property(fc.nat({ max: good.length }), (n) => readsOrRefuses(good.subarray(0, n))), { numRuns: 200 * FUZZ_SCALE, seed: FUZZ_SEED });
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.nat({ max: nl }), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 }), (edits) => {
    const bytes = good.slice();
    for (const [anywhere, inHeader, value, header] of edits) bytes[header ? inHeader : anywhere] = value;
    return readsOrRefuses(bytes);
  }), { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED });
  // well-formed JSON with wrong shapes
  const header = JSON.parse(Buffer.from(good.subarray(good.indexOf(10) + 1, nl)).toString('utf8'));
  const rest = good.subarray(nl + 1);
  fc.assert(fc.property(fc.constantFrom(...Object.keys(header)), fc.jsonValue(), (key, value) => {
    const h = { ...header, [key]: value };
    return readsOrRefuses(Buffer.concat([Buffer.from(`lexnet-word2vec-checkpoint 1\n${JSON.stringify(h)}\n`), rest]));
  }), { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED });
});
