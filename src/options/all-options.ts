import { CLASSIFY_OPTIONS } from '../classify/options.js';
import { AUTOTUNE_OPTIONS } from '../classify/autotune-options.js';
import { SUPERVISED_OPTIONS } from '../fasttext/supervised-options.js';
import { READ_VECTORS_OPTIONS } from '../io/vector-format.js';
import { TAGGER_OPTIONS } from '../tagger/options.js';
import { FIT_OPTIONS } from '../train/fit-options.js';
import { TABULAR_OPTIONS } from '../train/tabular-options.js';
import { WORD2VEC_OPTIONS } from '../word2vec/options.js';
import { ANALOGY_OPTIONS, SEARCH_OPTIONS } from '../word2vec/similarity.js';
import { CORPUS_OPTIONS, TEXT_CORPUS_OPTIONS } from '../text/corpus.js';
import { STRING_CORPUS_OPTIONS } from '../text/string-corpus.js';
import { CONLL_OPTIONS } from '../text/conll.js';
import { EVALUATE_ANALOGIES_OPTIONS } from '../word2vec/evaluate.js';
import { TSNE_OPTIONS } from '../plot/tsne-map.js';
import type { OptionDeclaration } from './declare.js';
import { optionsReference } from './reference.js';
import { QUANTIZE_OPTIONS } from '../fasttext/quantize-options.js';

/** Every public function's option declaration, in the order OPTIONS.md lists them. */
export const ALL_OPTIONS: readonly { title: string; intro?: string; options: OptionDeclaration }[] = [
  { title: 'trainWord2vec', intro: 'The browser\'s trainWord2vec takes the same options but `tmpDir`, `shards`, `checkpoint` and `resume`. `alpha` is the deprecated name of `learningRate`.', options: WORD2VEC_OPTIONS },
  { title: 'trainTagger', intro: 'The architecture options (`window` … `decoder`) may also be given in `config`. `lr` is the deprecated name of `learningRate`.', options: TAGGER_OPTIONS },
  { title: 'trainClassifier, sweepL2', intro: '`lr` is the deprecated name of `learningRate`.', options: CLASSIFY_OPTIONS },
  { title: 'autotuneClassifier', intro: 'The search\'s own options, then the classifier options fixed for every trial (those given are not searched).', options: AUTOTUNE_OPTIONS },
  { title: 'trainSupervised', intro: 'fastText\'s supervised model (`fasttext supervised`), trained in the WebAssembly kernels; its defaults are fastText\'s.', options: SUPERVISED_OPTIONS },
  { title: 'quantizeClassifier', intro: 'Quantizes a fastText supervised model (`FastTextClassifier`) as `fasttext quantize` does; the CLI\'s `lexnet classify quantize`.', options: QUANTIZE_OPTIONS },
  { title: 'fit', options: FIT_OPTIONS },
  { title: 'fitTabular', options: TABULAR_OPTIONS },
  { title: 'readVectors, loadVectors', options: READ_VECTORS_OPTIONS },
  { title: 'WordVectors.mostSimilar, mostSimilar', options: SEARCH_OPTIONS },
  { title: 'WordVectors.analogy, analogyCosAdd, analogyCosMul', options: ANALOGY_OPTIONS },
  { title: 'evaluateAnalogies', options: EVALUATE_ANALOGIES_OPTIONS },
  { title: 'textCorpus', options: TEXT_CORPUS_OPTIONS },
  { title: 'brownCorpus, conllCorpus', options: CORPUS_OPTIONS },
  { title: 'stringCorpus', options: STRING_CORPUS_OPTIONS },
  { title: 'readConll', options: CONLL_OPTIONS },
  { title: 'tsneWordMap', options: TSNE_OPTIONS },
];

/** OPTIONS.md: every option of every public function, with its range, default and doc. */
export function optionsMarkdown(): string {
  return [
    '# lexnet options',
    '',
    'Generated from the option declarations the library validates on every call (`npm run options-md`;',
    '`test/options-reference.test.ts` checks that this file is up to date). An unknown name, a value of the',
    'wrong type, NaN or a value out of range is refused with a `LexnetError` whose `option` names it; an option',
    'given as `undefined` takes its default. The command line\'s flags are these options\' names in kebab case',
    '(`minCount` is the flag `min-count`), with the same ranges and defaults.',
    '',
    optionsReference(ALL_OPTIONS),
  ].join('\n');
}
