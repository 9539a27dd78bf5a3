// Issue 20: the published declarations compile for a consumer with skipLibCheck off: in a Node
// project without @types/node (no Buffer or other Node type in the public types), in a bundler
// project resolving the "browser" condition, with @types/node and lib ES2022 only, and with
// exactOptionalPropertyTypes (options take an explicit undefined; TaggedSentence needs no lines).
// `scripts/check-types.mjs` checks the packed tarball against older TypeScript versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { tempDir } from './cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const EVERYTHING = "import * as lexnet from 'lexnet';\nexport * from 'lexnet';\nexport type Everything = typeof lexnet;\n";

const NODE_OPTIONS = `
import { trainWord2vec, trainClassifier, trainTagger, fit, mlpClassifier, loadVectors, loadClassifier, tokenize, type TaggedSentence } from 'lexnet';
const maybe = (): number | undefined => undefined;
const sentence: TaggedSentence = { words: ['John'], tags: ['B-PER'] };
export async function run(): Promise<void> {
  await trainWord2vec([['a', 'b']], { dim: maybe(), epochs: undefined, signal: undefined, onProgress: undefined });
  const clf = await trainClassifier([{ text: 'a', label: 'x' }], null, { epochs: maybe(), learningRate: undefined, lowercase: undefined });
  const bytes: Uint8Array = clf.toBytes();
  await loadClassifier(bytes);
  await clf.save('c.model');
  const tagger = await trainTagger([sentence], null, { epochs: maybe(), config: { hidden: undefined } });
  await tagger.save('t.model');
  await fit(mlpClassifier(2, [4], 2, 'relu'), [[0, 1]], [1], { epochs: maybe(), learningRate: undefined });
  const v = await loadVectors('v.bin', { format: undefined, limit: maybe() });
  await v.save('v.txt', { format: 'text' });
  tokenize('a', { lowercase: undefined });
}
`;

const BROWSER_OPTIONS = `
import { trainWord2vec, trainClassifier, loadClassifier, loadVectors, tokenize } from 'lexnet';
export async function run(file: File): Promise<void> {
  const { vectors } = await trainWord2vec(await file.text(), { dim: undefined, threads: undefined, signal: undefined });
  const clf = await trainClassifier([{ text: 'a', label: 'x' }], null, { epochs: undefined });
  await loadClassifier(await fetch('c.model'));
  await loadClassifier(new Blob([clf.toBytes() as BlobPart]));
  await loadVectors(vectors.toBytes('binary'), { format: undefined });
  tokenize('a', { lowercase: undefined });
}
`;

/** A consumer project: lexnet linked in node_modules, and @types/node only when asked for. */
function project(withNodeTypes: boolean): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'lexnet'), 'dir');
  if (withNodeTypes) symlinkSync(join(root, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return dir;
}

function compile(dir: string, files: Record<string, string>, options: Record<string, unknown>): string[] {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { options: parsed, errors } = ts.convertCompilerOptionsFromJson({ strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', ...options }, dir);
  assert.deepEqual(errors, []);
  const program = ts.createProgram(Object.keys(files).map((f) => join(dir, f)), parsed);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').slice(0, 400) + (d.file ? ` (${d.file.fileName.replace(root, 'lexnet')})` : ''));
}

test('Node project without @types/node, exactOptionalPropertyTypes on: the declarations compile', () => {
  const errors = compile(project(false), { 'all.ts': EVERYTHING, 'options.ts': NODE_OPTIONS },
    { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], exactOptionalPropertyTypes: true });
  assert.deepEqual(errors, []);
});

test('bundler project resolving the "browser" condition, without @types/node: the browser declarations compile', () => {
  const errors = compile(project(false), { 'all.ts': EVERYTHING, 'browser.ts': BROWSER_OPTIONS },
    { module: 'ESNext', moduleResolution: 'Bundler', customConditions: ['browser'], lib: ['ES2022', 'DOM'], types: [], exactOptionalPropertyTypes: true });
  assert.deepEqual(errors, []);
});

test('Node project with @types/node and lib ES2022 only: the declarations compile', () => {
  const errors = compile(project(true), { 'all.ts': EVERYTHING }, { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: ['node'] });
  assert.deepEqual(errors, []);
});
