import { join } from 'node:path';
import { Random } from '../src/core/random.js';
import { BagOfNgrams } from '../src/classify/bag-of-ngrams.js';
import { saveClassifier } from '../src/classify/model-file.js';
import { saveTabularModel } from '../src/io/model-file.js';
import { Standardizer } from '../src/io/standardizer.js';
import { WordVectors } from '../src/io/word-vectors.js';
import { buildNetwork, type ModelSpec } from '../src/models/model-spec.js';
import { Lexicon } from '../src/tagger/features.js';
import { DEFAULT_TAGGER_CONFIG, TaggerModel } from '../src/tagger/model.js';
import { saveTagger } from '../src/tagger/model-file.js';

/** Small valid model files of every kind (written into `dir`), for reader tests. */
export function writeModelFixtures(dir: string): { tagger: string; fasttext: string; mlp: string; tabular: string; regressor: string } {
  const lex = (items: string[]) => { const l = new Lexicon(); items.forEach((w) => l.add(w)); return l; };
  const tagger = new TaggerModel({ ...DEFAULT_TAGGER_CONFIG, window: 3, wordDim: 2, capsDim: 1, affixDim: 1, hidden: 4, shapeDim: 0, decoder: 'window' },
    lex(['the', 'cat']), lex(['the', 'cat']), lex(['the', 'cat']), ['O', 'B-PER']);
  tagger.initialize(new Random(1));
  const paths = {
    tagger: join(dir, 'fixture.tagger'), fasttext: join(dir, 'fixture-fasttext.classifier'), mlp: join(dir, 'fixture-mlp.classifier'),
    tabular: join(dir, 'fixture.model'), regressor: join(dir, 'fixture-regressor.model'),
  };
  saveTagger(paths.tagger, tagger);
  const words = ['good', 'bad', 'film'];
  saveClassifier(paths.fasttext, { kind: 'fasttext', labels: ['neg', 'pos'], model: new BagOfNgrams(words, 2, 2, 4).initialize(new Random(2)), index: new Map(words.map((w, i) => [w, i])), bigrams: true });
  const spec = (kind: ModelSpec['kind'], outputs: number): ModelSpec => ({ kind, inputs: 2, outputs, hidden: [3], activation: 'relu', loss: kind === 'regressor' ? 'squared-error' : 'cross-entropy' });
  const scaler = () => new Standardizer(Float64Array.from([0.5, -1]), Float64Array.from([2, 1]));
  saveClassifier(paths.mlp, {
    kind: 'mlp', labels: ['neg', 'pos'], vectors: new WordVectors(words, 2, Float32Array.from([1, 2, 3, 4, 5, 6])),
    scaler: scaler(), net: buildNetwork(spec('mlp', 2)), hidden: [3],
  });
  // labelName and labelColumn: recorded by newer model files
  const label = { labelName: 'y', labelColumn: 2 };
  saveTabularModel(paths.tabular, { spec: spec('mlp', 3), net: buildNetwork(spec('mlp', 3)), inputScaler: scaler(), targetScaler: null, classes: [0, 1, 2], featureNames: ['x1', 'x2'], ...label });
  saveTabularModel(paths.regressor, {
    spec: spec('regressor', 1), net: buildNetwork(spec('regressor', 1)), inputScaler: scaler(),
    targetScaler: new Standardizer(Float64Array.from([3]), Float64Array.from([2])), classes: null, featureNames: null, ...label,
  });
  return paths;
}
