// Issue 19: the library is as strict as the CLI. Every exported function that takes options
// checks them against its declaration: random option objects (known names with random values
// of random types, and unknown names) either run with the documented meaning or are refused
// with a LexnetError naming the option; never a TypeError, a RangeError or a silent default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Matrix } from '../src/core/matrix.js';
import { LexnetError } from '../src/io/errors.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { readVectors, writeVectors } from '../src/io/vector-file.js';
import { buildNetwork } from '../src/models/model-spec.js';
import type { OptionDeclaration, OptionSpec } from '../src/options/declare.js';
import { join } from 'node:path';
import { trainWord2vec } from '../src/word2vec/train.js';
import { WORD2VEC_OPTIONS } from '../src/word2vec/options.js';
import { trainTagger } from '../src/tagger/train.js';
import { TAGGER_OPTIONS } from '../src/tagger/options.js';
import { sweepL2, trainClassifier } from '../src/classify/train.js';
import { CLASSIFY_OPTIONS } from '../src/classify/options.js';
import { fit } from '../src/train/trainer.js';
import { FIT_OPTIONS } from '../src/train/fit-options.js';
import { fitTabular } from '../src/train/fit-tabular.js';
import { TABULAR_OPTIONS } from '../src/train/tabular-options.js';
import { READ_VECTORS_OPTIONS } from '../src/io/vector-format.js';
import { ANALOGY_OPTIONS, SEARCH_OPTIONS } from '../src/word2vec/similarity.js';
import { loadClassifier, loadVectors } from '../src/api/load.js';
import { loadTagger } from '../src/api/load-tagger.js';
import { TEXT_CORPUS_OPTIONS, textCorpus } from '../src/text/corpus.js';
import { STRING_CORPUS_OPTIONS, stringCorpus } from '../src/text/string-corpus.js';
import { CONLL_OPTIONS, readConll } from '../src/text/conll.js';
import { EVALUATE_ANALOGIES_OPTIONS, evaluateAnalogies } from '../src/word2vec/evaluate.js';
import { tempDir, writeTemp } from './cli.js';

const dir = tempDir();

/** A value given to an option, and whether the declaration allows it. */
interface Given { value: unknown; valid: boolean }

/** Values of other types than a spec takes (no conversion: '3' is not 3). */
const foreign = (spec: OptionSpec): unknown[] => ['3', 3, 1.5, -1, NaN, Infinity, null, true, {}, [], [0], () => 0, 'sweep'].filter((v) => !accepts(spec, v));

/** Whether a value fits a spec, told independently of the library's checker. */
function accepts(spec: OptionSpec, v: unknown): boolean {
  switch (spec.type) {
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= spec.min && v <= (spec.max ?? Number.MAX_SAFE_INTEGER)
        && (!spec.odd || v % 2 === 1) && (!spec.multipleOf || v % spec.multipleOf.step === 0);
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
      const min = spec.min ?? -Infinity, max = spec.max ?? Infinity;
      return (spec.minOpen ? v > min : v >= min) && (spec.maxOpen ? v < max : v <= max);
    }
    case 'ints': return Array.isArray(v) && v.length <= (spec.maxItems ?? 100) && v.every((x) => accepts({ type: 'int', min: spec.min, max: spec.max, doc: '' }, x));
    case 'enum': return typeof v === 'string' && spec.values.includes(v);
    case 'boolean': return typeof v === 'boolean';
    case 'string': return typeof v === 'string';
    case 'function': return typeof v === 'function';
    case 'value': return spec.check(v);
    case 'nested': return (spec.or !== undefined && accepts(spec.or, v)) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype);
    case 'either': return spec.specs.some((s) => accepts(s, v));
  }
}

/** Small valid values of a spec (small: every call runs on tiny data in a few milliseconds). */
function validValues(spec: OptionSpec): unknown[] {
  switch (spec.type) {
    case 'int': {
      const out: number[] = [];
      for (let v = spec.min; v <= Math.min(spec.max ?? Infinity, spec.min + 12) && out.length < 3; v++) if (accepts(spec, v)) out.push(v);
      return out;
    }
    case 'number': {
      const min = spec.min ?? -1, max = spec.max ?? (spec.min !== undefined ? spec.min + 0.5 : 1);
      return [min, (min + max) / 2, max, min + 1e-3].filter((v) => accepts(spec, v));
    }
    case 'ints': return [[spec.min], [spec.min + 1, spec.min]];
    case 'enum': return [...spec.values];
    case 'boolean': return [true, false];
    case 'string': return ['x'];
    case 'function': return [() => {}];
    default: return [];
  }
}

/** Out-of-range and wrong-type values of a spec. */
function invalidValues(spec: OptionSpec): unknown[] {
  const out = foreign(spec);
  if (spec.type === 'int') out.push(spec.min - 1, spec.min + 0.5, ...(spec.max !== undefined ? [spec.max + 1] : []), String(spec.min));
  if (spec.type === 'number') out.push(...[spec.min !== undefined ? spec.min - 1 : NaN, spec.max !== undefined ? spec.max + 1 : NaN, NaN, -Infinity]);
  if (spec.type === 'ints') out.push([spec.min - 1], [1.5], [String(spec.min)]);
  if (spec.type === 'enum') out.push(`${spec.values[0]}x`, spec.values[0]!.toUpperCase());
  return [...new Set(out)].filter((v) => !accepts(spec, v));
}

/** Names close to known ones (slips), the CLI's spellings, and unrelated names: all unknown. */
const UNKNOWN = ['knd', 'limt', 'hiden', 'epoch', 'learning_rate', 'foo', 'verbose'];

/** Per-option overrides: the valid values of options whose meaning needs a real file or object. */
type Overrides = Record<string, unknown[] | null>; // null: not generated (files the run would write)

/**
 * Random option objects for a declaration: some known options (a valid value, or now and then an
 * invalid one), now and then an unknown name; with which names are invalid.
 */
function options(declaration: OptionDeclaration, overrides: Overrides): fc.Arbitrary<{ options: Record<string, unknown>; invalid: string[] }> {
  const entries = Object.entries(declaration).filter(([name]) => overrides[name] !== null).map(([name, spec]) => {
    const valid = overrides[name] ?? validValues(spec);
    const bad = invalidValues(spec);
    const choices: fc.WeightedArbitrary<Given>[] = [{ weight: 1, arbitrary: fc.constant({ value: undefined, valid: true }) }]; // undefined: the default
    if (valid.length > 0) choices.push({ weight: 14, arbitrary: fc.constantFrom(...valid.map((v) => ({ value: v, valid: true }))) });
    if (bad.length > 0) choices.push({ weight: 1, arbitrary: fc.constantFrom(...bad.map((v) => ({ value: v, valid: false }))) });
    return [name, fc.oneof(...choices)] as const;
  });
  const known = fc.record(Object.fromEntries(entries), { requiredKeys: [] }) as fc.Arbitrary<Record<string, Given>>;
  return fc.tuple(known, fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...UNKNOWN) }, { weight: 7, arbitrary: fc.constant(null) })).map(([given, unknown]) => {
    const o: Record<string, unknown> = {};
    const invalid: string[] = [];
    for (const [name, g] of Object.entries(given)) {
      o[name] = g.value;
      if (!g.valid) invalid.push(name);
    }
    if (unknown !== null) { o[unknown] = 1; invalid.push(unknown); }
    return { options: o, invalid };
  });
}

/**
 * The property: with an invalid option the call rejects with a LexnetError naming one of the
 * invalid options; with valid ones it resolves, or rejects with a LexnetError naming an option
 * given (a combination the declaration cannot tell, such as two learning rates that disagree).
 */
async function check(name: string, declaration: OptionDeclaration, overrides: Overrides, call: (o: Record<string, unknown>) => unknown, numRuns = 25): Promise<void> {
  let ran = 0, refused = 0;
  await fc.assert(fc.asyncProperty(options(declaration, overrides), async ({ options: o, invalid }) => {
    let error: unknown = null;
    try {
      await call(o);
    } catch (e) {
      error = e;
    }
    const shown = `${name}(${JSON.stringify(o, (_k, v: unknown) => (typeof v === 'function' ? 'fn' : v instanceof WordVectors ? 'WordVectors' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))})`;
    if (error === null) ran++;
    else refused++;
    if (invalid.length > 0) {
      assert.ok(error instanceof LexnetError, `${shown}: expected a LexnetError naming ${invalid.join(' or ')}, got ${String(error)}`);
      assert.ok(invalid.includes(error.option!), `${shown}: the error names ${String(error.option)}, not ${invalid.join(' or ')}: ${error.message}`);
      assert.doesNotMatch(error.message, /--/);
    } else if (error !== null) {
      if (process.env.DEBUG_OPTIONS) console.log(shown, String(error));
      assert.ok(error instanceof LexnetError, `${shown}: valid options, but ${String((error as Error).stack ?? error)}`);
      const given = Object.keys(o).concat(Object.keys((o.config as object | undefined) ?? {}));
      const named = [error.option, ...error.mentions].filter((n): n is string => n !== undefined).map((n) => n.split('.')[0]!);
      assert.ok(named.some((n) => given.includes(n)), `${shown}: valid options, refused without naming one given: ${error.message}`);
    }
  }), { numRuns, seed: 19 });
  // both kinds of call happen: runs with valid options, and refusals
  assert.ok(ran >= 2 && refused >= 2, `${name}: ${ran} runs, ${refused} refusals of ${numRuns}`);
}

const signal = [new AbortController().signal];
const corpus = Array.from({ length: 60 }, (_, i) => Array.from({ length: 8 }, (_, j) => `w${(i * 7 + j * 13) % 150}`)); // rare words: subsampling keeps them
const vectors = new WordVectors(['the', 'cat', 'sat', 'ran', 'on', 'mat', 'dog'], 4, Float32Array.from({ length: 28 }, (_, i) => Math.sin(i + 1)));

test('trainWord2vec: random options run as documented or are refused naming the option', async () => {
  const tmp = tempDir();
  await check('trainWord2vec', WORD2VEC_OPTIONS, { signal, tmpDir: [tmp], checkpoint: null, resume: null, epochs: [1], minCount: [1], threads: [1, 2], shards: null, alpha: null, model: null, learningRate: [0.01, 0.05], negativeWeight: [1, 1.4] },
    (o) => trainWord2vec(corpus, { ...o, minCount: (o.minCount as number | undefined) ?? 1 }), 80); // the default minCount (5) keeps no word of this corpus // ~35 options, each now and then invalid: more runs for a few all-valid ones
});

test('trainTagger: random options (flat and in config) run as documented or are refused naming the option', async () => {
  const sentence = (i: number) => ({ words: ['John', 'lives', i % 2 ? 'here' : 'there'], tags: ['B-PER', 'O', 'O'], lines: [1, 2, 3] });
  const train = Array.from({ length: 6 }, (_, i) => sentence(i));
  const { config: _config, ...flat } = TAGGER_OPTIONS; // the old names (alpha, lr, model) are left out: two values that disagree are refused (tested below)
  const small = { signal, checkpoint: null, resume: null, epochs: [1], threads: [1, 2], hidden: [4, 8], vectors: [vectors], entityType: ['PER'], lr: null };
  await check('trainTagger', flat, small, (o) => trainTagger(train, train, o), 20);
  // the same architecture as one object
  await check('trainTagger', { config: { ...TAGGER_OPTIONS.config }, epochs: TAGGER_OPTIONS.epochs }, { epochs: [1], config: [{ hidden: 4 }, { window: 3, wordDim: 4 }, { output: 'sigmoid', entityType: 'PER' }] },
    (o) => trainTagger(train, null, o), 10);
});

const examples = Array.from({ length: 12 }, (_, i) => ({ text: i % 2 ? 'the cat sat' : 'the dog ran', label: i % 2 ? 'a' : 'b' }));

test('trainClassifier and sweepL2: random options run as documented or are refused naming the option', async () => {
  const small = { signal, checkpoint: null, resume: null, epochs: [1, 2], vectors: [vectors], hidden: [[2]], dim: [2, 4], lr: null, model: null };
  await check('trainClassifier', CLASSIFY_OPTIONS, small, (o) => trainClassifier(examples, examples, o));
  await check('sweepL2', CLASSIFY_OPTIONS, small, (o) => sweepL2(examples, examples, o, [0, 0.01]), 40); // more runs: with the supervised options, more random sets hold an invalid value
});

test('fit and fitTabular: random options run as documented or are refused naming the option', async () => {
  const x = new Matrix(6, 2, Float64Array.from([0, 1, 1, 0, 1, 1, 0, 0, 0.5, 0.5, 1, 0.2]));
  const t = new Matrix(6, 1, Float64Array.from([1, 1, 0, 0, 1, 0]));
  const validation = { x, target: t };
  await check('fit', FIT_OPTIONS, { signal, epochs: [1, 3], resume: null, validation: [validation] },
    (o) => fit(buildNetwork({ kind: 'regressor', inputs: 2, outputs: 1, hidden: [2], activation: 'sigmoid', loss: 'squared-error' }), x, t, o));
  const rows = Array.from({ length: 30 }, (_, i) => `${i % 3},${(i * 7) % 5},${i % 2}`);
  const train = writeTemp(dir, 'train.csv', ['a,b,y', ...rows].join('\n') + '\n');
  await check('fitTabular', TABULAR_OPTIONS, { signal, train: [train], test: null, resume: null, epochs: [1, 2], labelColumn: ['y', 2], hidden: [[2]], model: null },
    (o) => fitTabular({ ...o, train: (o.train as string | undefined) ?? train } as Parameters<typeof fitTabular>[0]), 25);
});

test('readVectors, loadVectors, mostSimilar and analogy: random options are used as documented or refused naming the option', async () => {
  const file = join(dir, 'v.txt');
  writeVectors(file, vectors);
  await check('readVectors', READ_VECTORS_OPTIONS, { format: ['text'] }, (o) => readVectors(file, o), 25);
  await check('loadVectors', READ_VECTORS_OPTIONS, { format: ['text'] }, (o) => loadVectors(file, o), 10);
  await check('mostSimilar', SEARCH_OPTIONS, {}, (o) => vectors.mostSimilar('cat', o), 25);
  await check('analogy', ANALOGY_OPTIONS, {}, (o) => vectors.analogy('the', 'cat', 'dog', o), 25);
});

test('the deprecated names of the learning rate are accepted, and refused when they disagree with learningRate', async () => {
  const r = await trainClassifier(examples, null, { epochs: 1, lr: 0.1 });
  assert.equal(r.history.length, 1);
  await assert.rejects(trainClassifier(examples, null, { epochs: 1, lr: 0.1, learningRate: 0.2 }), (e: unknown) => e instanceof LexnetError && e.option === 'learningRate');
  await assert.rejects(trainWord2vec(corpus, { epochs: 1, alpha: 0.1, learningRate: 0.2 }), (e: unknown) => e instanceof LexnetError && e.option === 'learningRate');
});

test('the architecture is `kind`, as the CLI\'s --kind names it; `model` (its old name) is still accepted', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => `${i % 3},${(i * 7) % 5},${i % 2}`);
  const train = writeTemp(dir, 'kind.csv', ['a,b,y', ...rows].join('\n') + '\n');
  assert.equal((await fitTabular({ train, labelColumn: 'y', kind: 'logistic' })).model.spec.kind, 'logistic');
  assert.equal((await fitTabular({ train, labelColumn: 'y', model: 'logistic' })).model.spec.kind, 'logistic');
  assert.equal((await trainClassifier(examples, null, { kind: 'average', vectors, epochs: 1 })).classifier.kind, 'average');
  assert.equal((await sweepL2(examples, examples, { kind: 'average', vectors, epochs: 1 }, [0])).best.classifier.kind, 'average');
  const w = await trainWord2vec(corpus, { kind: 'cbow', epochs: 1, minCount: 1, threads: 1, dim: 4 });
  assert.equal(w.vectors.dim, 4);
  for (const call of [
    () => trainWord2vec(corpus, { kind: 'cbow', model: 'skipgram' }),
    () => trainClassifier(examples, null, { kind: 'average', model: 'mlp' }),
    () => fitTabular({ train, kind: 'mlp', model: 'logistic' }),
  ]) await assert.rejects(call(), (e: unknown) => e instanceof LexnetError && e.option === 'kind' && / and model .* \(its old name\) disagree; give one$/.test(e.message));
});

test('corpora, readConll and evaluateAnalogies: random options are used as documented or refused naming the option', async () => {
  const text = writeTemp(dir, 'corpus.txt', 'the cat sat\nthe dog ran\n');
  const conll = writeTemp(dir, 'train.conll', 'John B-PER\nruns O\n\nMary B-PER\n');
  const questions = writeTemp(dir, 'questions.txt', ': s\nthe cat sat ran\n');
  const read = (c: { sentences(): Iterable<string[]> }): number => [...c.sentences()].length;
  await check('textCorpus', TEXT_CORPUS_OPTIONS, {}, (o) => read(textCorpus(text, o)), 20);
  await check('stringCorpus', STRING_CORPUS_OPTIONS, {}, (o) => read(stringCorpus('the cat\nsat', o)), 20);
  await check('readConll', CONLL_OPTIONS, { tagColumn: [-1, 1] }, (o) => readConll(conll, o), 20);
  await check('evaluateAnalogies', EVALUATE_ANALOGIES_OPTIONS, { restrict: [4, 7, 30000] }, (o) => evaluateAnalogies(vectors, questions, o), 20);
});

test('unknown names are refused with the closest known name, or the CLI flag\'s option', async () => {
  const refused = async (f: () => unknown, message: string, option: string): Promise<void> => {
    await assert.rejects(async () => f(), (e: unknown) => e instanceof LexnetError && e.message === message && e.option === option);
  };
  await refused(() => trainWord2vec(corpus, { minCont: 1 } as never), 'trainWord2vec: unknown option "minCont"; did you mean "minCount"?', 'minCont');
  await refused(() => fitTabular({ train: 'x.csv', knd: 'logistic' } as never), 'fitTabular: unknown option "knd"; did you mean "kind"?', 'knd');
  await refused(() => trainTagger([], null, { dim: 50 } as never), 'trainTagger: unknown option "dim"; did you mean "wordDim"?', 'dim');
  await refused(() => trainTagger([], null, { config: { hiden: 8 } } as never), 'trainTagger: unknown option "config.hiden"; did you mean "config.hidden"?', 'hiden');
  await refused(() => loadVectors('v.txt', { limt: 10 } as never), 'loadVectors: unknown option "limt"; did you mean "limit"?', 'limt');
  await refused(() => trainClassifier(examples, null, { epoch: 3 } as never), 'trainClassifier: unknown option "epoch"; did you mean "epochs"?', 'epoch');
  await refused(() => fit(buildNetwork({ kind: 'logistic', inputs: 1, outputs: 1, hidden: [], activation: 'relu', loss: 'cross-entropy' }), [[0]], [[1]], { zzz: 1 } as never),
    `fit: unknown option "zzz"; the options are ${Object.keys(FIT_OPTIONS).join(', ')}`, 'zzz');
});

test('the issue\'s examples are refused, naming the option', async () => {
  const names = async (f: () => unknown, option: string, message: RegExp): Promise<void> => {
    await assert.rejects(async () => f(), (e: unknown) => {
      assert.ok(e instanceof LexnetError, String(e));
      assert.equal(e.option, option);
      assert.match(e.message, message);
      return true;
    });
  };
  for (const [o, option, message] of [
    [{ epochs: -1 }, 'epochs', /^epochs must be a whole number in \[1, 100000\], got -1$/], [{ epochs: 0 }, 'epochs', /got 0$/],
    [{ dim: 0 }, 'dim', /^dim must be a whole number in \[1, 10000\], got 0$/], [{ dropout: 1 }, 'dropout', /^dropout must be in \[0, 1\), got 1$/],
    [{ learningRate: -1 }, 'learningRate', /^learningRate must be > 0, got -1$/], [{ l2: -5 }, 'l2', /^l2 must be ≥ 0, got -5$/],
    [{ model: 'svm' }, 'model', /^model must be one of average, fasttext, mlp, supervised, got "svm"$/], [{ epochs: '3' }, 'epochs', /got "3"$/],
  ] as const) await names(() => trainClassifier(examples, null, o as never), option, message);
  const train = [{ words: ['a'], tags: ['O'], lines: [1] }];
  for (const [o, option] of [[{ epochs: NaN }, 'epochs'], [{ learningRate: -1 }, 'learningRate'], [{ dropout: 2 }, 'dropout'], [{ batchSize: 0 }, 'batchSize'], [{ threads: 0 }, 'threads']] as const) {
    await names(() => trainTagger(train, null, o), option, new RegExp(`^${option} must be`));
  }
  await names(() => trainTagger([{ words: ['a'], tags: [null], lines: [1] }] as never, null), 'train', /^train: sentence 1: tag 1 must be a string, got null$/);
  await names(() => trainTagger([{ words: ['a', 'b'], tags: ['O'], lines: [1] }], null), 'train', /^train: sentence 1 \(line 1\) has 2 words but 1 tag; every word needs one tag$/);
  const net = buildNetwork({ kind: 'logistic', inputs: 1, outputs: 1, hidden: [], activation: 'relu', loss: 'cross-entropy' });
  await names(() => fit(net, [[0]], [[1]], { l2: -10 }), 'l2', /^l2 must be ≥ 0, got -10$/);
  await names(() => fit(net, [[0]], [[1]], { optimizer: 'rmsprop' as never }), 'optimizer', /^optimizer must be one of lbfgs, adam, sgd, momentum, got "rmsprop"$/);
  await names(() => fitTabular({ train: 'x.csv', model: 'svm' as never }), 'model', /^model must be one of/);
  await names(() => fitTabular({ train: 'x.csv', activation: 'gelu' as never }), 'activation', /^activation must be one of sigmoid, tanh, relu, got "gelu"$/);
  const classifier = await trainClassifier(examples, null, { epochs: 1 });
  await names(() => classifier.predict(null as never), 'text', /^predict: text must be a string or an array of tokens, got null$/);
  await names(() => classifier.predictBatch(['a', [1]] as never), 'texts', /^predictBatch: text 2: token 1 must be a string, got 1$/);
  const tagger = await trainTagger([{ words: ['John', 'runs'], tags: ['B-PER', 'O'], lines: [1, 2] }], null, { epochs: 1, threads: 1, hidden: 4 });
  await names(() => tagger.tag([1, null] as never), 'tokens', /^tag: token 1 must be a string, got 1$/);
});

test('the browser\'s trainWord2vec and the loaders check their arguments the same way', async () => {
  const { trainWord2vec: trainInPage } = await import('../src/web/train-word2vec.js');
  await assert.rejects(trainInPage('a b c', { knd: 'cbow' } as never), (e: unknown) => e instanceof LexnetError && e.message === 'trainWord2vec: unknown option "knd"; did you mean "kind"?');
  await assert.rejects(trainInPage('a b c', { dim: 0 }), (e: unknown) => e instanceof LexnetError && e.option === 'dim' && e.message === 'dim must be a whole number in [1, 100000], got 0');
  await assert.rejects(trainInPage('a b c', { epochs: '3' } as never), (e: unknown) => e instanceof LexnetError && e.option === 'epochs' && e.message === 'epochs must be a whole number in [1, 100000], got "3"');
  await assert.rejects(loadClassifier(null as never), (e: unknown) => e instanceof LexnetError && /^loadClassifier: expected a path or the model's bytes .*, got null$/.test(e.message));
  await assert.rejects(loadTagger(3 as never), (e: unknown) => e instanceof LexnetError && /^loadTagger: expected a path or the model's bytes .*, got number$/.test(e.message));
});

test('data given to a call is checked at the boundary, naming the argument', async () => {
  const net = buildNetwork({ kind: 'logistic', inputs: 1, outputs: 1, hidden: [], activation: 'relu', loss: 'cross-entropy' });
  const refused = async (f: () => unknown, option: string, message: string): Promise<void> => {
    await assert.rejects(async () => f(), (e: unknown) => e instanceof LexnetError && e.option === option && e.message === message);
  };
  await refused(() => fit(net, [['1']] as never, [[1]]), 'inputs', 'fit: inputs row 0, value 1 must be a number, got "1"');
  await refused(() => fit(net, null as never, [[1]]), 'inputs', 'fit: inputs must be a Matrix or an array of rows (number[][]), got null');
  await refused(() => trainClassifier([{ text: ['a', null], label: 'x' }] as never, null), 'train', 'train[0]: token 2 of text must be a string, got null');
  await refused(() => readVectors(null as never), 'path', 'readVectors: the path must be a file name (or - for standard input), got null');
  await refused(() => vectors.mostSimilar(5 as never), 'positive', 'mostSimilar: positive must be an array of words, got 5');
  await refused(() => trainTagger([{ words: ['a'], tags: ['O'], lines: [1] }], 5 as never), 'dev', 'dev must be an array of tagged sentences ({ words, tags }), got 5');
});

test('an option given as undefined takes its default (exactOptionalPropertyTypes users)', async () => {
  const r = await trainClassifier(examples, null, { epochs: 1, dim: undefined, l2: undefined, model: undefined });
  assert.equal(r.classifier.kind, 'fasttext');
});

test('the library and the CLI refuse a value with the same words, the CLI with its flag', async () => {
  const { Command } = await import('commander');
  const { cliMessage } = await import('../src/cli/option-flags.js');
  const { registerClassify } = await import('../src/cli/classify-command.js');
  const { registerFit } = await import('../src/cli/fit-command.js');
  const { registerTagger } = await import('../src/cli/tagger-command.js');
  const { registerWord2vec } = await import('../src/cli/word2vec-command.js');
  const program = () => {
    const p = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    for (const register of [registerFit, registerWord2vec, registerTagger, registerClassify]) register(p);
    return p;
  };
  const net = buildNetwork({ kind: 'logistic', inputs: 1, outputs: 1, hidden: [], activation: 'relu', loss: 'cross-entropy' });
  const cases: [() => unknown, string, string][] = [
    [() => trainWord2vec(corpus, { dim: 0 }), 'word2vec', 'word2vec --dim 0'],
    [() => trainWord2vec(corpus, { sample: 1.5 }), 'word2vec', 'word2vec --sample 1.5'],
    [() => trainWord2vec(corpus, { learningRate: -1 }), 'word2vec', 'word2vec --alpha -1'],
    [() => trainWord2vec(corpus, { kind: 'glove' as never }), 'word2vec', 'word2vec --kind glove'],
    [() => trainClassifier(examples, null, { kind: 'svm' as never }), 'classify train', 'classify train --train x --kind svm'],
    [() => trainClassifier(examples, null, { dropout: 1 }), 'classify train', 'classify train --train x --dropout 1'],
    [() => trainClassifier(examples, null, { learningRate: 0 }), 'classify train', 'classify train --train x --lr 0'],
    [() => trainClassifier(examples, null, { hidden: [0] }), 'classify train', 'classify train --train x --hidden 0'],
    [() => trainTagger([], null, { hidden: 30 }), 'tagger train', 'tagger train --train x --hidden 30'],
    [() => trainTagger([], null, { window: 4 }), 'tagger train', 'tagger train --train x --window 4'],
    [() => trainTagger([], null, { wordDim: 0 }), 'tagger train', 'tagger train --train x --dim 0'],
    [() => trainTagger([], null, { batchSize: 257 }), 'tagger train', 'tagger train --train x --batch-size 257'],
    [() => fit(net, [[0]], [[1]], { momentum: 1 }), 'fit', 'fit --train x --momentum 1'],
    [() => fitTabular({ train: 'x', kind: 'tree' as never }), 'fit', 'fit --train x --kind tree'],
    [() => fitTabular({ train: 'x', testSplit: 0 }), 'fit', 'fit --train x --test-split 0'],
  ];
  for (const [call, command, args] of cases) {
    let library: LexnetError | undefined;
    try { await call(); } catch (e) { library = e as LexnetError; }
    assert.ok(library instanceof LexnetError, args);
    await assert.rejects(program().parseAsync(args.split(' '), { from: 'user' }), (e: unknown) => {
      assert.ok(e instanceof LexnetError, `${args}: ${String(e)}`);
      assert.equal(cliMessage(library!, command), e.message, args);
      return true;
    });
  }
});
