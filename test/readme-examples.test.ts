// Issue 20: every code block of README.md's "Library" section runs as written against the built
// package (imported as `lexnet` from a fresh folder, which is also the working directory, so the
// files an example saves land there), and each `console.log(…)` prints what its `// → …` comment
// shows: text exactly (white space aside), numbers to the digits written. The blocks of "In the
// browser" run too unless preceded by `<!-- not run: reason -->`, which skips them with that reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Example {
  section: string;
  /** Line of the block's first code line in README.md. */
  line: number;
  code: string;
  skip: string | null;
}

/** The ```ts blocks of a `## section` of a markdown text. */
export function examples(markdown: string, section: string): Example[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${section}`);
  assert.ok(start >= 0, `README.md has no "## ${section}" section`);
  const out: Example[] = [];
  for (let i = start + 1; i < lines.length && !/^## /.test(lines[i]!); i++) {
    if (lines[i] !== '```ts') continue;
    const skip = /^<!-- not run: (.*) -->$/.exec(lines[i - 1] ?? '')?.[1] ?? null;
    const end = lines.indexOf('```', i + 1);
    out.push({ section, line: i + 2, code: lines.slice(i + 1, end).join('\n'), skip });
    i = end;
  }
  return out;
}

/** The expected outputs: the text after `// →` on each line that logs, in order. */
export function expectations(code: string): { line: number; text: string }[] {
  return code.split('\n').flatMap((l, i) => {
    const m = /\/\/ → (.*)$/.exec(l);
    if (!m) return [];
    assert.match(l, /console\.log\(/, `line ${i + 1}: a "// →" comment belongs on a line that calls console.log`);
    return [{ line: i, text: m[1]!.trim() }];
  });
}

// Prepended to every example: console.log prints each call's arguments as one JSON string, formatted
// as a JavaScript literal (single-quoted strings, `{ k: v }`, `[a, b]`, `Int32Array(n) [..]`).
const PRELUDE = `
const __show = (v) => {
  if (typeof v === 'string') return "'" + v + "'";
  if (ArrayBuffer.isView(v)) return v.constructor.name + '(' + v.length + ') [' + Array.from(v, __show).join(', ') + ']';
  if (Array.isArray(v)) return '[' + v.map(__show).join(', ') + ']';
  if (v && typeof v === 'object') { const e = Object.entries(v); return e.length ? '{ ' + e.map(([k, x]) => k + ': ' + __show(x)).join(', ') + ' }' : '{}'; }
  return String(v);
};
console.log = (...args) => process.stdout.write('\\u0001' + JSON.stringify(args.map((a) => typeof a === 'string' ? a : __show(a)).join(' ')) + '\\n');
`;

const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

/** Whether printed output matches the expected text: the same text around the numbers, each number within one unit of its last written digit. */
export function matches(actual: string, expected: string): boolean {
  const text = (s: string) => s.replace(NUMBER, '#').replace(/\s+/g, '');
  if (text(actual) !== text(expected)) return false;
  const a = actual.match(NUMBER) ?? [], e = expected.match(NUMBER) ?? [];
  return e.every((x, i) => {
    const decimals = /\.(\d+)/.exec(x)?.[1]?.length ?? 0;
    const tolerance = decimals === 0 && !/e/.test(x) ? 0 : 10 ** -decimals;
    return Math.abs(Number(a[i]) - Number(x)) <= tolerance + 1e-12;
  });
}

/** Runs one example from a fresh folder where `lexnet` resolves to this package; returns what each console.log printed. */
function run(example: Example): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lexnet-readme-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'lexnet'), 'dir');
    const js = ts.transpileModule(example.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, 'example.mjs'), PRELUDE + js);
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `${example.section}:${example.line}: the example failed:\n${r.stderr}`);
    return r.stdout.split('\n').filter((l) => l.startsWith('\u0001')).map((l) => JSON.parse(l.slice(1)) as string);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = examples(readme, 'Library');
const browserBlocks = examples(readme, 'In the browser');

test('the Library section has examples, each with outputs to check', () => {
  assert.ok(blocks.length >= 4, `${blocks.length} blocks`);
  for (const b of blocks) if (!b.skip) assert.ok(expectations(b.code).length > 0, `README.md:${b.line}: a block without a "// →" output`);
});

for (const b of blocks) {
  test(`README.md:${b.line} (Library) runs and prints what it shows`, { skip: b.skip ?? false }, () => {
    const want = expectations(b.code);
    const got = run(b);
    assert.equal(got.length, want.length, `README.md:${b.line}: ${got.length} console.log calls printed, the block shows ${want.length}:\n${got.join('\n')}`);
    want.forEach((w, i) => {
      assert.ok(matches(got[i]!, w.text), `README.md:${b.line + w.line}: printed\n  ${got[i]}\nbut the README shows\n  ${w.text}`);
    });
  });
}

// API.md, the API reference's landing page: every section's blocks
const api = readFileSync(join(root, 'API.md'), 'utf8');
const apiBlocks = [...api.matchAll(/^## (.+)$/gm)].flatMap((m) => examples(api, m[1]!)).map((b) => ({ ...b, section: `API.md ${b.section}` }));

test('API.md has an example for every task', () => {
  for (const section of ['Word vectors', 'Tagger', 'Classifier', 'Tabular data and networks', 'Files', 'In the browser']) {
    assert.ok(apiBlocks.some((b) => b.section === `API.md ${section}`), section);
  }
});

for (const b of apiBlocks) {
  test(`${b.section}, line ${b.line}: runs and prints what it shows`, { skip: b.skip ?? false }, () => {
    const want = expectations(b.code);
    assert.ok(want.length > 0, 'a block without a "// →" output');
    const got = run(b);
    assert.equal(got.length, want.length, got.join('\n'));
    want.forEach((w, i) => assert.ok(matches(got[i]!, w.text), `API.md:${b.line + w.line}: printed\n  ${got[i]}\nbut the page shows\n  ${w.text}`));
  });
}

for (const b of browserBlocks) {
  test(`README.md:${b.line} (In the browser) runs and prints what it shows`, { skip: b.skip ?? false }, () => {
    const want = expectations(b.code);
    const got = run(b);
    assert.deepEqual(got.length, want.length);
    want.forEach((w, i) => assert.ok(matches(got[i]!, w.text), `README.md:${b.line + w.line}: printed ${got[i]}, shows ${w.text}`));
  });
}

test('matches: numbers to the digits written, text exactly', () => {
  assert.ok(matches("[{ word: 'queen', similarity: 0.5141895743600263 }]", "[{ word: 'queen', similarity: 0.51 }]"));
  assert.ok(!matches("[{ word: 'queen', similarity: 0.5341 }]", "[{ word: 'queen', similarity: 0.51 }]"));
  assert.ok(!matches("[{ word: 'kingdom', similarity: 0.51 }]", "[{ word: 'queen', similarity: 0.51 }]"));
  assert.ok(!matches('12 17', '12 16'));
  assert.ok(matches('Int32Array(4) [0, 1, 1, 0]', 'Int32Array(4) [0, 1, 1, 0]'));
});
