import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { predictIndices } from '../src/classify/classifier.js';
import { loadClassifier } from '../src/classify/model-file.js';
import { Matrix } from '../src/core/matrix.js';
import { LexnetError } from '../src/io/errors.js';
import { loadTabularModel } from '../src/io/model-file.js';
import { readTable } from '../src/io/table.js';
import { readVectors, writeVectors } from '../src/io/vector-file.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { predictTabular } from '../src/models/tabular-model.js';
import { loadTagger } from '../src/tagger/model-file.js';
import { readConll } from '../src/text/conll.js';
import { readFastText, readLabelled, readLabelledTsv, readUnlabelled } from '../src/text/labelled.js';
import { conllCorpus } from '../src/text/corpus.js';
import { decodeVectors } from '../src/io/vector-decode.js';
import { isUtf8 } from 'node:buffer';
import { tempDir } from './cli.js';
import { writeModelFixtures } from './model-fixtures.js';

/**
 * Property-based fuzzing of every reader: whatever the bytes, a reader either returns or throws
 * a LexnetError whose message starts with the file name — never a TypeError, RangeError or other
 * internal error. Inputs are arbitrary bytes, text in the format's own alphabet, and valid files
 * with a few mutations (bytes flipped, lines dropped or repeated, numbers replaced by NaN, 1e999
 * or huge integers, headers rewritten, JSON fields replaced). The seed is fixed for CI; set
 * LEXNET_FUZZ_SEED and LEXNET_FUZZ_SCALE to hunt further.
 */
const SEED = Number(process.env.LEXNET_FUZZ_SEED ?? 20261122);
/** Runs per reader; LEXNET_FUZZ_SCALE multiplies them for a longer hunt. */
const SCALE = Number(process.env.LEXNET_FUZZ_SCALE ?? 1);
const RUNS = 250 * SCALE;
const dir = tempDir();
const models = writeModelFixtures(dir);
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

// ---- mutations of valid files ----

const SPECIAL = ['NaN', 'nan', '-inf', 'Infinity', '1e999', '-1e999', '1e39', '1e308', '99999999999999999999', '9007199254740993',
  '4294967296', '2147483648', '1000000000', '-1', '0', '-0', '1.5', '', ' ', '0x1F', '\0', '\r', '\t', '\n', '__label__', '\ufeff', 'é'];
const hugeOrOdd = fc.oneof(fc.nat(12), fc.constantFrom(-1, 0, 1.5, 1e9, 2 ** 31, 2 ** 32, 2 ** 53, 1e21, 1e300));
/** Stands for JSON nested 100,000 deep, spliced into the text (JSON.stringify would overflow the stack). */
const DEEP = '\u0001deep';
const DEEP_JSON = `${'['.repeat(100000)}${']'.repeat(100000)}`;
const jsonValue = fc.oneof(
  hugeOrOdd, fc.constantFrom<unknown>(DEEP, null, true, 'x', '', [], {}, [1e9], [-1], ['a', 'a'], [''], { length: -1 }, undefined),
  fc.jsonValue({ maxDepth: 2 }),
);

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'drop' | 'dup'; line: number }
  | { kind: 'number'; nth: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'header'; text: string }
  | { kind: 'json'; path: number; value: unknown }
  | { kind: 'float'; fromEnd: number; value: number; wide: boolean };

const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constantFrom('drop' as const, 'dup' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('number' as const), nth: fc.nat(), text: fc.constantFrom(...SPECIAL) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.constantFrom(...SPECIAL).map(utf8)) }),
  fc.record({ kind: fc.constant('header' as const), text: fc.oneof(fc.tuple(hugeOrOdd, hugeOrOdd).map(([a, b]) => `${a} ${b}`), fc.constantFrom(...SPECIAL), fc.string({ maxLength: 12 })) }),
);
/** A float written over the binary data, counted in floats from the end of the file. */
const floatMutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('float' as const), fromEnd: fc.nat(40), wide: fc.boolean(),
  value: fc.constantFrom(NaN, Infinity, -Infinity, 3.4e38, 1e300, -0, 5e-324),
});
const jsonMutation: fc.Arbitrary<Mutation> = fc.record({ kind: fc.constant('json' as const), path: fc.nat(), value: jsonValue });
/** Binary files get float overwrites; files with a JSON header mostly get field replacements. */
const mutationFor = (json: 'none' | 'line2' | 'whole', binary: boolean): fc.Arbitrary<Mutation> => fc.oneof(
  { weight: json === 'none' ? 4 : 1, arbitrary: byteMutation },
  { weight: binary ? 2 : 0, arbitrary: floatMutation },
  { weight: json === 'none' ? 0 : 6, arbitrary: jsonMutation },
);

/**
 * A path into a JSON value chosen by the digits of n: at each level a key (arrays: one of their
 * first three entries), then stop there or go on into it — so every field is reached as often.
 */
function pickPath(v: unknown, n: number): (string | number)[] {
  const path: (string | number)[] = [];
  while (typeof v === 'object' && v !== null) {
    const keys = Array.isArray(v) ? v.slice(0, 3).map((_, i) => i) : Object.keys(v);
    if (keys.length === 0) break;
    const k = keys[n % keys.length]!;
    n = Math.floor(n / keys.length);
    path.push(k);
    v = (v as Record<string | number, unknown>)[k];
    if (n % 3 === 0) break;
    n = Math.floor(n / 3);
  }
  return path;
}

/** Replaces one field of the JSON held in bytes [start, end), when it still parses. */
function editJson(b: Buffer, start: number, end: number, pathIndex: number, value: unknown): Buffer {
  let json: unknown;
  const old = b.subarray(start, end).toString('utf8');
  if (old.includes('[[[[[[[[[[[[[[[[')) return b; // already holds DEEP_JSON, which JSON.stringify could not write back
  try {
    json = JSON.parse(old);
  } catch {
    return b;
  }
  const p = pickPath(json, pathIndex);
  if (p.length === 0) {
    json = value ?? null;
  } else {
    const parent = p.slice(0, -1).reduce((o: any, k) => o[k], json);
    if (value === undefined) delete parent[p.at(-1)!];
    else parent[p.at(-1)!] = value;
  }
  const text = JSON.stringify(json).replace(JSON.stringify(DEEP), DEEP_JSON);
  return Buffer.concat([b.subarray(0, start), Buffer.from(text), b.subarray(end)]);
}

function mutate(sample: Uint8Array, mutations: Mutation[], json: 'none' | 'line2' | 'whole'): Buffer {
  let b: Buffer = Buffer.from(sample);
  for (const m of mutations) {
    const lines = () => b.toString('latin1').split('\n');
    switch (m.kind) {
      case 'flip':
        if (b.length) b[m.at % b.length] = m.byte;
        break;
      case 'drop':
      case 'dup': {
        const l = lines();
        const i = m.line % l.length;
        l.splice(i, m.kind === 'drop' ? 1 : 0, ...(m.kind === 'dup' ? [l[i]!] : []));
        b = Buffer.from(l.join('\n'), 'latin1');
        break;
      }
      case 'number': {
        const text = b.toString('latin1');
        const numbers = [...text.matchAll(/[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g)];
        if (numbers.length === 0) break;
        const n = numbers[m.nth % numbers.length]!;
        b = Buffer.concat([b.subarray(0, n.index), Buffer.from(m.text, 'utf8'), b.subarray(n.index + n[0].length)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, m.at % (b.length + 1));
        break;
      case 'insert': {
        const at = m.at % (b.length + 1);
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      }
      case 'header': {
        const nl = b.indexOf(10);
        b = Buffer.concat([Buffer.from(m.text, 'utf8'), nl < 0 ? Buffer.alloc(0) : b.subarray(nl)]);
        break;
      }
      case 'float': {
        const size = m.wide ? 8 : 4, at = b.length - size * (m.fromEnd + 1);
        if (at >= 0) m.wide ? b.writeDoubleLE(m.value, at) : b.writeFloatLE(m.value, at);
        break;
      }
      case 'json':
        if (json === 'whole') b = editJson(b, 0, b.length, m.path, m.value);
        if (json === 'line2') {
          const first = b.indexOf(10), second = b.indexOf(10, first + 1);
          if (first >= 0 && second > first) b = editJson(b, first + 1, second, m.path, m.value);
        }
        break;
    }
  }
  return b;
}

/** Inputs for a reader: arbitrary bytes, text in the format's alphabet, or mutated valid samples. */
function inputs(samples: Uint8Array[], alphabet: string[], json: 'none' | 'line2' | 'whole' = 'none', binary = false): fc.Arbitrary<Uint8Array> {
  const mutation = mutationFor(json, binary);
  const model = json !== 'none';
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: model ? 0 : 1, arbitrary: fc.array(fc.constantFrom(...alphabet, ...SPECIAL), { maxLength: 60 }).map((t) => utf8(t.join(''))) },
    { weight: model ? 8 : 4, arbitrary: fc.tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: model ? 3 : 4 })).map(([s, ms]) => new Uint8Array(mutate(s, ms, json))) },
  );
}

/** The property: reading the bytes as `name` returns, or throws a LexnetError naming the file. */
function fuzz(name: string, arb: fc.Arbitrary<Uint8Array>, read: (path: string) => unknown, runs = RUNS): void {
  const path = join(dir, name);
  fc.assert(fc.property(arb, (bytes) => {
    writeFileSync(path, bytes);
    try {
      read(path);
    } catch (e) {
      if (!(e instanceof LexnetError)) throw e;
      assert.ok(e.message.startsWith(`${path}`), `the message does not name the file: ${e.message}`);
    }
  }), { seed: SEED, numRuns: runs * (runs === RUNS ? 1 : SCALE) });
}

// ---- readers ----

const TABLE = ['x1,x2,y\n1,2,0\n3.5,-4,1\n5e-3,6,0\n', 'x1\tx2\ty\n1\t2\t0\n3\t4\t1\n', '1 2 0\n3 4 1\n', '3,2,setosa,versicolor\n1,2,0\n3,4,1\n5,6,0\n'];
test('fuzz: tables (CSV, TSV, whitespace, scikit-learn header, gzip)', () => {
  const arb = inputs(TABLE.map(utf8), ['x1', 'y', ',', '\t', ' ', '\n', '\r\n', '1', '2.5', '-3', 'e5']);
  fuzz('t.csv', arb, readTable);
  fuzz('t.tsv', arb, readTable, 100);
  fuzz('t.csv.gz', inputs(TABLE.map((t) => new Uint8Array(gzipSync(t))), ['\x1f\x8b']), readTable, 100);
});

const CONLL = 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n-DOCSTART- -X- -X- O\n\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n';
test('fuzz: CoNLL column files, with several tag columns and untagged lines', () => {
  const arb = fc.tuple(inputs([utf8(CONLL), utf8('EU B-ORG\nrejects O\n\nthe O\n')], ['EU', 'B-ORG', 'O', ' ', '\t', '\n', '\r\n', '-DOCSTART-']),
    fc.constantFrom(-1, -2, 1, 2, 3, 0, -9), fc.boolean());
  const path = join(dir, 'c.conll');
  fc.assert(fc.property(arb, ([bytes, tagColumn, allowUntagged]) => {
    writeFileSync(path, bytes);
    try {
      for (const s of readConll(path, { tagColumn, allowUntagged })) {
        assert.equal(s.words.length, s.tags.length);
        if (!allowUntagged) assert.ok(s.tags.every((t) => t !== ''), 'an empty tag');
      }
    } catch (e) {
      if (!(e instanceof LexnetError)) throw e;
      assert.ok(e.message.startsWith(path), e.message);
    }
  }), { seed: SEED, numRuns: RUNS });
});

test('fuzz: a conll: corpus reads exactly the words readConll reads, and refuses what it refuses (issue 19)', () => {
  const arb = inputs([utf8(CONLL), utf8('sentence\tlabel\na good film\tpos\n')], ['EU', 'B-ORG', 'O', ' ', '\t', '\n', '-DOCSTART-', 'a film']);
  const path = join(dir, 'corpus.conll');
  const outcome = (f: () => string[][]): string[][] | 'error' => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof LexnetError)) throw e;
      return 'error';
    }
  };
  fc.assert(fc.property(arb, (bytes) => {
    writeFileSync(path, bytes);
    assert.deepEqual(outcome(() => [...conllCorpus(path).sentences()]), outcome(() => readConll(path).map((s) => s.words)));
  }), { seed: SEED, numRuns: RUNS });
});

test('fuzz: unlabelled texts for prediction (TSV sentence column, fastText, plain lines)', () => {
  const tsv = ['sentence\nGood film\nbad one\n', 'id\tsentence\tlabel\n1\ta film\tpos\n'].map(utf8);
  const ft = ['__label__pos good film\nbad\n\n'].map(utf8);
  const noLabels = (p: string): void => {
    const u = readUnlabelled(p);
    assert.equal(u.texts.length, u.lines.length);
    assert.ok(u.texts.every((t) => t.every((w) => w !== '' && (p.endsWith('.tsv') || !w.startsWith('__label__')))));
  };
  fuzz('u.tsv', inputs(tsv, ['sentence', 'label', '\t', ' ', '\n', 'film']), noLabels);
  fuzz('u.txt', inputs(ft, ['__label__', 'pos', ' ', '\n', 'good']), noLabels);
});

const noEmptyLabel = (read: (p: string) => { labels: string[] }) => (p: string) => {
  assert.ok(read(p).labels.every((l) => l !== ''), 'an empty label became a class');
};
test('fuzz: labelled TSV and fastText files; no empty label is ever returned', () => {
  const tsv = ['sentence\tlabel\ngood film\tpos\nbad film\tneg\n', 'label\tsentence\tid\npos\ta fine film\t1\n'].map(utf8);
  const ft = ['__label__pos good film\n__label__neg __label__x bad\n\n'].map(utf8);
  fuzz('l.tsv', inputs(tsv, ['sentence', 'label', 'pos', '\t', ' ', '\n', '\r\n', 'film']), noEmptyLabel(readLabelledTsv));
  fuzz('l.tsv', inputs(tsv, ['sentence', 'label', '\t', '\n']), noEmptyLabel(readLabelled), 100);
  fuzz('l.txt', inputs(ft, ['__label__', 'pos', ' ', '\n', 'good']), noEmptyLabel(readFastText));
  fuzz('l.txt', inputs(ft, ['__label__', ' ', '\n']), noEmptyLabel(readLabelled), 100);
});

const finiteVectors = (p: string): void => {
  const v = readVectors(p);
  assert.ok(v.dim > 0 && v.size > 0);
  assert.ok(v.data.every(Number.isFinite), 'a non-finite value was accepted');
};
test('fuzz: vector files, text (.txt, .vec) and binary (.bin); every accepted value is finite', () => {
  const words = new WordVectors(['the', 'cat', 'café'], 3, Float32Array.from([0.1, -0.2, 3, 1e-3, 4, -5, 6, 7, 8]));
  writeVectors(join(dir, 'sample.bin'), words);
  writeVectors(join(dir, 'sample.txt'), words);
  const bin = new Uint8Array(readFileSync(join(dir, 'sample.bin')));
  const text = [new Uint8Array(readFileSync(join(dir, 'sample.txt'))), utf8('the 0.1 0.2\ncat 1 2\n')];
  const alphabet = ['3 2\n', 'the', ' ', '\n', '0.5', '-1', 'e-3', '\r\n'];
  fuzz('v.txt', inputs(text, alphabet), finiteVectors);
  // issue 19: one strictness: a text vector file that is not UTF-8 (or holds a NUL in a word) is refused, by the file and the bytes readers alike
  fuzz('s.txt', inputs(text, [...alphabet, '\xe9', '\0', '\ufffd']), (p) => {
    const bytes = readFileSync(p);
    let v: WordVectors;
    try {
      v = readVectors(p);
    } catch (e) {
      if (e instanceof LexnetError && !isUtf8(bytes)) assert.throws(() => decodeVectors(bytes, 'text', p), LexnetError);
      throw e;
    }
    assert.ok(isUtf8(bytes), 'bytes that are not UTF-8 were accepted');
    assert.ok(v.words.every((w) => !w.includes('\0')), 'a NUL inside a word was accepted');
  });
  fuzz('s.bin', inputs([bin], ['\xe9', '\0'], 'none', true), (p) => {
    const v = readVectors(p);
    assert.ok(v.words.every((w) => !w.includes('\0') && isUtf8(Buffer.from(w))), 'a word that is not UTF-8 text was accepted');
  });
  fuzz('v.vec', inputs([...text, bin], alphabet), finiteVectors, 100);
  fuzz('v.bin', inputs([bin, bin, ...text], alphabet, 'none', true), finiteVectors);
});

test('fuzz: tagger model bundles (a loaded model tags a sentence)', () => {
  const sample = new Uint8Array(readFileSync(models.tagger));
  fuzz('m.tagger', inputs([sample], [], 'line2', true), (p) => loadTagger(p).tagSentence(['the', 'Cat', '!']));
});

test('fuzz: classifier model bundles (a loaded model classifies a text)', () => {
  const samples = [models.fasttext, models.mlp].map((p) => new Uint8Array(readFileSync(p)));
  fuzz('m.classifier', inputs(samples, [], 'line2', true), (p) => predictIndices(loadClassifier(p), [['good', 'film'], []]));
});

test('fuzz: tabular model files (a loaded model predicts a row)', () => {
  const samples = [models.tabular, models.regressor].map((p) => new Uint8Array(readFileSync(p)));
  fuzz('m.model', inputs(samples, [], 'whole'), (p) => {
    const m = loadTabularModel(p);
    predictTabular(m, new Matrix(1, m.spec.inputs));
  });
});

// ---- bounded memory ----

/** Calls `read`, which must throw a LexnetError, and returns how much array-buffer memory grew. */
function arrayBufferGrowth(read: () => unknown, message: RegExp): number {
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(read, (e: unknown) => e instanceof LexnetError && message.test(e.message));
  return process.memoryUsage().arrayBuffers - before;
}

test('tiny files announcing enormous sizes are refused without allocating them', () => {
  const MB = 2 ** 20;
  const write = (name: string, content: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const cases: [string, () => unknown, RegExp][] = [
    ['vectors.bin', () => readVectors(write('huge.bin', '1000000000 1000000000\n')), /cut short/],
    ['vectors.bin (count)', () => readVectors(write('huge2.bin', '100000000 300\nthe ')), /cut short/],
    ['vectors.txt (dimension)', () => readVectors(write('huge.txt', '1 1000000000\nthe 1\n')), /1 value, expected 1000000000/],
    ['vectors.txt (count)', () => readVectors(write('huge2.txt', '1000000000 2\nthe 1 2\n')), /cut short/],
    ['bundle', () => loadTagger(write('huge.tagger', 'lexnet-tagger 1\n{"arrays":[{"name":"word","type":"f64","length":1000000000000}]}\n')), /cut short in array "word"/],
    ['tagger', () => loadTagger(write('huge2.tagger', 'lexnet-tagger 1\n{"config":{"window":999999,"wordDim":1000000,"capsDim":1,"affixDim":1,"hidden":4000000,"output":"softmax","freezeWords":false},"words":["<pad>","<unk>"],"prefixes":["<pad>","<unk>"],"suffixes":["<pad>","<unk>"],"tags":["O"],"arrays":[]}\n')), /parameter "word" is missing/],
    ['classifier', () => loadClassifier(write('huge.classifier', 'lexnet-classifier 1\n{"kind":"mlp","labels":["a","b"],"words":["x"],"dim":1000000000,"hidden":[1000000000],"arrays":[]}\n')), /parameter "vectors" is missing/],
    ['tabular', () => loadTabularModel(write('huge.model', JSON.stringify({ format: 'lexnet-tabular-model', version: 1, spec: { kind: 'mlp', inputs: 1, outputs: 2, hidden: [2 ** 40], activation: 'relu', loss: 'cross-entropy' }, inputScaler: { mean: [0], std: [1] }, targetScaler: null, classes: [0, 1], featureNames: null, params: { 'layer1.W': { rows: 1, cols: 2 ** 40, data: [] } } }))), /data" has 0 values, expected 1099511627776/],
  ];
  for (const [what, read, message] of cases) {
    const growth = arrayBufferGrowth(read, message);
    assert.ok(growth < 16 * MB, `${what}: array buffers grew by ${(growth / MB).toFixed(1)} MB`);
  }
});
