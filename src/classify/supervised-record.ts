// fastText's supervised model inside lexnet's classifier file (kind `supervised`): its args and
// dictionary in the header, both matrices as arrays, checked when read as the other kinds are.
import { inputError, LexnetError } from '../io/errors.js';
import type { HeaderCheck } from '../io/header-check.js';
import type { BundleArray } from '../io/bundle-codec.js';
import { argsProblem, LOSS, MODEL, type FastTextArgs } from '../fasttext/args.js';
import { ENTRY_LABEL, ENTRY_WORD } from '../fasttext/dictionary.js';
import { DenseRows } from '../fasttext/quantized-matrix.js';
import { FastTextClassifier } from '../fasttext/supervised-model.js';

/** The header fields of a supervised model: fastText's args, the dictionary's words and labels with their counts. */
export interface SupervisedHeader {
  args: FastTextArgs;
  words: string[];
  wordCounts: number[];
  modelLabels: string[];
  labelCounts: number[];
  ntokens: number;
}

/** The header fields and arrays of a supervised model. */
export function supervisedParts(model: FastTextClassifier): { header: SupervisedHeader; arrays: Record<string, BundleArray> } {
  const d = model.dictionary, e = d.entries;
  const { input, out } = model as unknown as { input: DenseRows; out: DenseRows };
  if (!(input instanceof DenseRows) || !(out instanceof DenseRows)) throw new LexnetError('a quantized fastText model is saved as fastText\'s .ftz: save its FastTextClassifier (classifier.model.save(path) or toBytes()), not a lexnet classifier file');
  return {
    header: {
      args: { ...model.args }, words: e.slice(0, d.nwords).map((x) => x.word), wordCounts: e.slice(0, d.nwords).map((x) => x.count),
      modelLabels: e.slice(d.nwords).map((x) => x.word), labelCounts: e.slice(d.nwords).map((x) => x.count), ntokens: d.ntokens,
    },
    arrays: { input: input.data, output: out.data },
  };
}

const ARG_FIELDS = ['dim', 'ws', 'epoch', 'minCount', 'neg', 'wordNgrams', 'loss', 'model', 'bucket', 'minn', 'maxn', 'lrUpdateRate'] as const;

/** The supervised model of a classifier file, its header checked, its arrays of the sizes the header implies. */
export function decodeSupervised(path: string, check: HeaderCheck, h: Record<string, unknown>, arrays: Map<string, BundleArray>): FastTextClassifier {
  const a = check.object(h.args, 'args');
  const args = {} as Record<string, number>;
  for (const f of ARG_FIELDS) args[f] = check.int(a[f], `args.${f}`, 0, 2 ** 31 - 1);
  args.t = check.number(a.t, 'args.t', 0);
  const bad = argsProblem(args as unknown as FastTextArgs);
  if (bad) throw check.fail(`"args": ${bad}`);
  if (args.model !== MODEL.sup) throw check.fail(`"args": model ${args.model} is not fastText's supervised model (${MODEL.sup})`);
  const words = check.strings(h.words, 'words', { allowEmpty: true });
  const wordCounts = check.ints(h.wordCounts, 'wordCounts', 0);
  const labels = check.strings(h.modelLabels, 'modelLabels');
  const labelCounts = check.ints(h.labelCounts, 'labelCounts', 0);
  if (wordCounts.length !== words.length || labelCounts.length !== labels.length) throw check.fail('"wordCounts" and "labelCounts" must have one count per word and per label');
  if (args.loss === LOSS.hs && labelCounts.some((c, i) => i > 0 && c > labelCounts[i - 1]!)) throw check.fail('"labelCounts" must decrease (hierarchical softmax builds its tree from them)');
  const ntokens = check.int(h.ntokens, 'ntokens', 0);
  const dim = args.dim!, rows = words.length + args.bucket!;
  for (const [name, n] of [['input', rows * dim], ['output', labels.length * dim]] as const) {
    const x = arrays.get(name);
    if (!x) throw inputError(path, null, `parameter "${name}" is missing`);
    if (x.length !== n) throw inputError(path, null, `parameter "${name}" has ${x.length} values, expected ${n}`);
  }
  const dictionary = {
    entries: [...words.map((word, i) => ({ word, count: wordCounts[i]!, type: ENTRY_WORD })), ...labels.map((word, i) => ({ word, count: labelCounts[i]!, type: ENTRY_LABEL }))],
    nwords: words.length, nlabels: labels.length, ntokens, pruneIndex: null,
  };
  const f32 = (x: BundleArray) => (x instanceof Float32Array ? x : Float32Array.from(x));
  return new FastTextClassifier(args as unknown as FastTextArgs, dictionary, new DenseRows(rows, dim, f32(arrays.get('input')!)), new DenseRows(labels.length, dim, f32(arrays.get('output')!)));
}
