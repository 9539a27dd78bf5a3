import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsMarkdown } from '../src/options/all-options.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

test('OPTIONS.md is generated from the option declarations and up to date (npm run options-md)', () => {
  assert.equal(readFileSync(join(root, 'OPTIONS.md'), 'utf8'), optionsMarkdown());
});

test('the reference gives every option\'s range and default', () => {
  const md = optionsMarkdown();
  assert.match(md, /\| `dim` \| a whole number in \[1, 100000\] \| `100` \| vector size \|/);
  assert.match(md, /\| `dropout` \| a number in \[0, 1\) \| `0.3` \|/);
  assert.match(md, /## trainWord2vec: `checkpoint`/);
});
