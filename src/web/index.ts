/**
 * lexnet in a browser (package.json "exports" → "browser", picked by bundlers): the
 * platform-neutral API and word2vec training with Web Workers over shared memory, or inline.
 * @module lexnet (browser)
 */
// lexnet's browser entry (package.json "exports" → "browser"): the platform-neutral API, the same
// names as the Node entry (src/index.ts), and word2vec training with Web Workers or inline.
// Nothing here reaches Node's modules: files, the CLI, checkpoints, plots and the tagger's
// training are Node's.

// math core
export { Matrix, asMatrix, type MatrixLike } from '../core/matrix.js';
export { matmul, matmulTransA, matmulTransB, addRowInPlace, sumRows, dot, axpy, hadamard, map, argmaxRow } from '../core/linalg.js';
export { Random, type RandomState } from '../core/random.js';
export { softmax, softmaxInto } from '../core/softmax.js';
export { sigmoid, sigmoidGrad, sigmoidScalar, logSigmoid } from '../core/sigmoid.js';
export { tanh, tanhGrad } from '../core/tanh.js';
export { gradcheck, gradcheckParams, type GradcheckReport, type GradcheckOptions, type NamedVector } from '../core/gradcheck.js';
export type { SameForm, Numeric } from '../core/elementwise.js';
export { pca, type PcaResult } from '../core/pca.js';

// layers and losses
export type { Layer } from '../layers/layer.js';
export { makeParam, type Param } from '../layers/param.js';
export { Affine } from '../layers/affine.js';
export { Activation, activationLayer, sigmoidLayer, tanhLayer, reluLayer, ACTIVATIONS, type ActivationName } from '../layers/activation.js';
export { Embedding } from '../layers/embedding.js';
export type { Loss, LossAndGradient } from '../losses/loss.js';
export { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
export { SigmoidCrossEntropy } from '../losses/sigmoid-cross-entropy.js';
export { SquaredError } from '../losses/squared-error.js';
export { l2Penalty, addL2Gradient } from '../losses/l2.js';

// models and training
export { Network } from '../models/network.js';
export { buildNetwork, layerSizes, isClassifier, MODEL_KINDS, type ModelSpec, type ModelKind, type LossName } from '../models/model-spec.js';
export { logisticRegression, softmaxRegression, mlpClassifier, mlpRegressor } from '../models/models.js';
export { parameterCount } from '../models/parameter-count.js';
export { fit, evaluateLoss, FIT_DEFAULTS, type FitOptions, type FitResult, type EpochRecord, type FitState } from '../train/trainer.js';
export type { LbfgsSummary } from '../train/fit-lbfgs.js';
export type { OptionalOptions } from '../train/optional-options.js';
export type { ProgressEvent, ProgressCallback, ProgressTask, ProgressStage } from '../train/progress-event.js';
export { isAbortError } from '../train/abort.js';
export { defaultThreads } from '../train/threads.js';
export { Sgd, Adam, makeOptimizer, type Optimizer, type OptimizerName, type OptimizerState } from '../train/optimizer.js';
export { makeSchedule, type Schedule, type ScheduleName } from '../train/schedule.js';
export { accuracy, rmse, r2, confusionMatrix, predictedClasses, classificationReport, formatClassificationReport, type ClassificationReport, type ClassScore } from '../train/metrics.js';
export { DivergenceError, type DivergenceInfo } from '../train/divergence.js';
export { lbfgs, NonFiniteObjective, type Objective, type LbfgsOptions, type LbfgsIteration, type LbfgsResult, type LbfgsStop } from '../train/lbfgs.js';
export { LexnetError, type LexnetErrorOptions } from '../io/errors.js';
export { splitFeatures, trainTestSplit, classIndex, oneHot, type Dataset } from '../io/dataset.js';
export type { Table } from '../io/table.js';
export { Standardizer } from '../io/standardizer.js';

// kernels
export { instantiateKernels, LOSS_KINDS, type Kernels } from '../kernels/kernels.js';
export { createMemory, Arena, RESERVED_BYTES } from '../kernels/memory.js';
export { loadKernelModule, relaxedSimd } from '../kernels/load.js';
export { kernelFileName, type KernelBuild } from '../kernels/build.js';
export type { WasmMemory, WasmModule } from '../kernels/wasm-types.js';

// word2vec
export { softmaxLossAndGradient, negativeSamplingLossAndGradient, hierarchicalSoftmaxLossAndGradient, softmaxCost, negativeSamplingCost, hierarchicalSoftmaxCost, type CostResult, type Word2vecCost } from '../word2vec/costs.js';
export { skipgram, cbow, type WindowResult } from '../word2vec/reference-models.js';
export { buildHuffman, MAX_CODE_LENGTH, type HuffmanCodes } from '../word2vec/huffman.js';
export { fillUnigramTable, unigramTableSize } from '../word2vec/unigram-table.js';
export { keepProbabilities } from '../word2vec/subsampling.js';
export { Vocabulary, buildVocabulary } from '../word2vec/vocabulary.js';
export { trainWord2vec, type WebCorpusInput, type WebTrainWord2vecOptions } from './train-word2vec.js';
export type { Word2vecResult } from '../word2vec/session.js';
export type { TrainWord2vecOptions, Word2vecCheckpointOptions } from '../word2vec/train.js';
export type { Word2vecCheckpoint, DataFingerprint, ThreadPosition } from '../word2vec/checkpoint.js';
export type { Word2vecSample } from '../word2vec/history.js';
export { defaultWord2vecOptions, WORD2VEC_DEFAULTS, WORD2VEC_MODELS, WORD2VEC_LOSSES, type Word2vecOptions, type Word2vecModel, type Word2vecLoss } from '../word2vec/options.js';
export { DATA_ORDERS, type DataOrder } from '../word2vec/data-order.js';
export { mostSimilar, analogyCosAdd, analogyCosMul, type Neighbour, type SearchOptions } from '../word2vec/similarity.js';
export { webThreads, webThreadSupport, type WebThreadSupport } from './threads.js';

// text and vectors
export type { Corpus } from '../text/corpus.js';
export { stringCorpus, type StringCorpusOptions } from '../text/string-corpus.js';
export { MAX_SENTENCE_TOKENS } from '../text/corpus-limits.js';
export { tokenize, treebankTokenize, type TextNormalization, type TokenizerChoice } from '../text/tokenize.js';
export { WordVectors } from '../io/word-vectors.js';
export { loadClassifier, loadVectors, type ModelSource } from '../api/load.js';
export { encodeClassifier, decodeClassifier, type ClassifierLike } from '../classify/model-file.js';
export { encodeVectors } from '../io/vector-encode.js';
export { decodeVectors } from '../io/vector-decode.js';
// fastText models (.bin) and subword vectors
export { SubwordVectors } from '../fasttext/subword-vectors.js';
export { decodeFastTextModel, decodeFastTextVectors, encodeFastTextModel, isFastTextModel, FASTTEXT_MAGIC, FASTTEXT_VERSION, type FastTextModel, type DenseMatrix, type FastTextReadOptions } from '../fasttext/model-file.js';
export { vectorsModel, type VectorsModelOptions } from '../fasttext/vectors-model.js';
export { unsupervisedArgs, type FastTextArgs } from '../fasttext/args.js';
export type { FastTextDictionary, DictionaryEntry } from '../fasttext/dictionary.js';
export { fastTextHash, fastTextHashString } from '../fasttext/hash.js';
export { subwordBuckets, subwordStrings, type SubwordSettings } from '../fasttext/subwords.js';
export { FastTextClassifier, decodeFastTextClassifier, LABEL_PREFIX, type FastTextPrediction, type FastTextPredictOptions } from '../fasttext/supervised-model.js';
export { trainSupervised, type SupervisedOptions, type SupervisedResult, type SupervisedLine } from '../fasttext/supervised-train.js';
export { SUPERVISED_DEFAULTS, SUPERVISED_OPTIONS, type SupervisedOnlyOptions } from '../fasttext/supervised-options.js';
export { encodeFastTextClassifier } from '../fasttext/classifier-file.js';
export { quantizeClassifier, type QuantizeOptions } from '../fasttext/quantize.js';
export type { VectorFormat } from '../io/vector-format.js';
export { chooseWords, pcaWordMap } from '../plot/word-map.js';
export type { MapPoint } from '../plot/vector-map.js';

// window tagger (its reference model and scoring; training it needs Node's worker threads)
export { ReferenceTagger } from '../tagger/reference.js';
export { Tagger } from '../tagger/tagger-object.js';
export { trainTagger, evaluateTagger, isChunkTagging, TAGGER_DEFAULTS, type TaggerTrainOptions, type TaggerTrainResult, type TaggerEpoch } from '../tagger/train.js';
export { TaggerModel, DEFAULT_TAGGER_CONFIG, type TaggerConfig } from '../tagger/model.js';
export { loadTagger } from '../api/load-tagger.js';
export { encodeTagger, decodeTagger, type TaggerLike } from '../tagger/model-file.js';
export { conlleval, formatConlleval, formatConfusion, type ConllevalReport, type TypeScore } from '../tagger/conlleval.js';
export { chunks, type Chunk } from '../tagger/chunks.js';
export { capsClass, normalizeWord, CAPS_CLASSES, Lexicon } from '../tagger/features.js';
export type { TaggedSentence } from '../text/conll.js';

// sentence classifier
export { Classifier, type Prediction } from '../classify/classifier-object.js';
export { autotuneClassifier, type AutotuneOptions, type AutotuneResult, type AutotuneTrial } from '../classify/autotune.js';
export { AUTOTUNE_OPTIONS, AUTOTUNE_METRICS, AUTOTUNE_KINDS, type AutotuneMetric, type AutotuneKind } from '../classify/autotune-options.js';
export { testClassifier, LabelMeter, topLabels, type ClassifierTestResult, type LabelScore, type PrecisionRecall, type TestExample, type TestOptions } from '../classify/test-at-k.js';
export type { LabelledExample, LabelledInput } from '../classify/labelled-input.js';
export type { LabelledData } from '../text/labelled.js';
export { predictIndices, labelIndices, CLASSIFIER_KINDS, type SentenceClassifier, type ClassifierKind } from '../classify/classifier.js';
export { BagOfNgrams, ngramVocabulary, ngramIds, type Gradients } from '../classify/bag-of-ngrams.js';
export { averageVectors, type AveragedFeatures } from '../classify/averaged-features.js';
export { trainClassifier, sweepL2, L2_GRID, CLASSIFIER_DEFAULTS, type ClassifyOptions, type ClassifyResult, type ClassifyEpoch, type SweepPoint } from '../classify/train.js';
