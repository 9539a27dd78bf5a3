/**
 * lexnet for Node (package.json "exports" → "node", the default): the whole API, with files,
 * worker threads, checkpoints and plots.
 * @module lexnet
 */
// lexnet's public API. Layers of the code, bottom up: core → layers, losses → models → train → io/text → cli, web.

// math core
export { Matrix, asMatrix, type MatrixLike } from './core/matrix.js';
export { matmul, matmulTransA, matmulTransB, addRowInPlace, sumRows, dot, axpy, hadamard, map, argmaxRow } from './core/linalg.js';
export { Random } from './core/random.js';
export { softmax, softmaxInto } from './core/softmax.js';
export { sigmoid, sigmoidGrad, sigmoidScalar, logSigmoid } from './core/sigmoid.js';
export { tanh, tanhGrad } from './core/tanh.js';
export { gradcheck, gradcheckParams, type GradcheckReport, type GradcheckOptions, type NamedVector } from './core/gradcheck.js';

// layers and losses
export type { Layer } from './layers/layer.js';
export { makeParam, type Param } from './layers/param.js';
export { Affine } from './layers/affine.js';
export { Activation, activationLayer, sigmoidLayer, tanhLayer, reluLayer, ACTIVATIONS, type ActivationName } from './layers/activation.js';
export { Embedding } from './layers/embedding.js';
export type { Loss, LossAndGradient } from './losses/loss.js';
export { SoftmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
export { SigmoidCrossEntropy } from './losses/sigmoid-cross-entropy.js';
export { SquaredError } from './losses/squared-error.js';
export { l2Penalty, addL2Gradient } from './losses/l2.js';

// models
export { Network } from './models/network.js';
export { buildNetwork, layerSizes, isClassifier, MODEL_KINDS, type ModelSpec, type ModelKind, type LossName } from './models/model-spec.js';
export { logisticRegression, softmaxRegression, mlpClassifier, mlpRegressor } from './models/models.js';
export { parameterCount } from './models/parameter-count.js';
export { predictTabular, type TabularModel, type TabularPrediction } from './models/tabular-model.js';

// training
export { fit, evaluateLoss, FIT_DEFAULTS, type FitOptions, type FitResult, type EpochRecord, type FitState } from './train/trainer.js';
export type { ProgressEvent, ProgressCallback, ProgressTask, ProgressStage } from './train/progress-event.js';
export { isAbortError } from './train/abort.js';
export { defaultThreads } from './train/threads.js';
export { Sgd, Adam, makeOptimizer, type Optimizer, type OptimizerName } from './train/optimizer.js';
export { makeSchedule, type Schedule, type ScheduleName } from './train/schedule.js';
export { accuracy, rmse, r2, confusionMatrix, predictedClasses } from './train/metrics.js';
export { DivergenceError } from './train/divergence.js';
export { fitTabular, TABULAR_DEFAULTS, type TabularFitOptions, type TabularReport } from './train/fit-tabular.js';
export { lbfgs, NonFiniteObjective, type Objective, type LbfgsOptions, type LbfgsIteration, type LbfgsResult, type LbfgsStop } from './train/lbfgs.js';

// option declarations: what every call validates, the CLI's flags and OPTIONS.md are made from
export { validateOptions, type OptionDeclaration, type OptionSpec } from './options/declare.js';
export { WORD2VEC_OPTIONS } from './word2vec/options.js';
export { TAGGER_OPTIONS, TAGGER_CONFIG_OPTIONS } from './tagger/options.js';
export { CLASSIFY_OPTIONS } from './classify/options.js';
export { FIT_OPTIONS } from './train/fit-options.js';
export { TABULAR_OPTIONS } from './train/tabular-options.js';
export { READ_VECTORS_OPTIONS } from './io/vector-format.js';
export { SEARCH_OPTIONS, ANALOGY_OPTIONS } from './word2vec/similarity.js';

// data and files
export { LexnetError, type LexnetErrorOptions } from './io/errors.js';
export { readTable, resolveColumn, type Table } from './io/table.js';
export { splitFeatures, trainTestSplit, classIndex, oneHot, type Dataset } from './io/dataset.js';
export { Standardizer } from './io/standardizer.js';
export { writeFileAtomic } from './io/atomic-write.js';
export { saveTabularModel, loadTabularModel } from './io/model-file.js';

// word2vec
export { softmaxLossAndGradient, negativeSamplingLossAndGradient, hierarchicalSoftmaxLossAndGradient, softmaxCost, negativeSamplingCost, hierarchicalSoftmaxCost, type CostResult, type Word2vecCost } from './word2vec/costs.js';
export { skipgram, cbow, subwordSkipgram, subwordCbow, type WindowResult } from './word2vec/reference-models.js';
export { buildHuffman, MAX_CODE_LENGTH, type HuffmanCodes } from './word2vec/huffman.js';
export { fillUnigramTable, unigramTableSize } from './word2vec/unigram-table.js';
export { keepProbabilities } from './word2vec/subsampling.js';
export { Vocabulary, buildVocabulary } from './word2vec/vocabulary.js';
export { trainWord2vec } from './word2vec/train-on-demand.js';
export type { TrainWord2vecOptions, Word2vecCheckpointOptions } from './word2vec/train.js';
export type { Word2vecResult } from './word2vec/session.js';
export type { Word2vecSample } from './word2vec/history.js';
export { readWord2vecCheckpoint, writeWord2vecCheckpoint, checkpointFinished, type Word2vecCheckpoint } from './word2vec/checkpoint.js';
export { defaultWord2vecOptions, WORD2VEC_DEFAULTS, WORD2VEC_MODELS, WORD2VEC_LOSSES, type Word2vecOptions, type Word2vecModel, type Word2vecLoss } from './word2vec/options.js';
export { DATA_ORDERS, type DataOrder } from './word2vec/data-order.js';
export { mostSimilar, analogyCosAdd, analogyCosMul, type Neighbour, type SearchOptions } from './word2vec/similarity.js';
export { evaluateAnalogies, evaluateSimilarity, spearman, ranks, type AnalogyReport, type SimilarityReport } from './word2vec/evaluate.js';
export { instantiateKernels, LOSS_KINDS, type Kernels } from './kernels/kernels.js';
export { createMemory, Arena, RESERVED_BYTES } from './kernels/memory.js';
export { kernelModule, relaxedSimd } from './node/kernel-loader.js';
export { loadKernelModule } from './kernels/load.js';
export { kernelFileName, type KernelBuild } from './kernels/build.js';

// text and vector files
export { textCorpus, brownCorpus, conllCorpus, concatCorpora, corpusFromSpec, brownFiles, brownTaggedSentences, splitTagged, type Corpus } from './text/corpus.js';
export { readConll, type TaggedSentence, type ConllOptions } from './text/conll.js';
export { brownTaggedSplit, simplifyBrownTag } from './text/brown-tagged.js';

// window tagger
export { TaggerModel, DEFAULT_TAGGER_CONFIG, type TaggerConfig } from './tagger/model.js';
export { ReferenceTagger } from './tagger/reference.js';
export { Tagger } from './tagger/tagger-object.js';
export { trainTagger, evaluateTagger, isChunkTagging, TAGGER_DEFAULTS, type TaggerTrainOptions, type TaggerTrainResult, type TaggerEpoch } from './tagger/train.js';
export { conlleval, formatConlleval, formatConfusion, type ConllevalReport, type TypeScore } from './tagger/conlleval.js';
export { chunks, type Chunk } from './tagger/chunks.js';
export { capsClass, normalizeWord, CAPS_CLASSES } from './tagger/features.js';
export { saveTagger, encodeTagger, decodeTagger, loadTagger as loadTaggerModel, type TaggerLike } from './tagger/model-file.js';
export { loadClassifier, loadVectors, type ModelSource } from './api/load.js';
export { loadTagger } from './api/load-tagger.js';
export { readLines } from './text/line-reader.js';
export { WordVectors } from './io/word-vectors.js';
export { readVectors, writeVectors, formatOf, type VectorFormat, type ReadVectorsOptions } from './io/vector-file.js';
export { encodeVectors } from './io/vector-encode.js';
export { decodeVectors } from './io/vector-decode.js';
// fastText models (.bin) and subword vectors
export { SubwordVectors } from './fasttext/subword-vectors.js';
export { decodeFastTextModel, decodeFastTextVectors, encodeFastTextModel, isFastTextModel, FASTTEXT_MAGIC, FASTTEXT_VERSION, type FastTextModel, type DenseMatrix, type FastTextReadOptions } from './fasttext/model-file.js';
export { vectorsModel, type VectorsModelOptions } from './fasttext/vectors-model.js';
export { unsupervisedArgs, type FastTextArgs } from './fasttext/args.js';
export type { FastTextDictionary, DictionaryEntry } from './fasttext/dictionary.js';
export { fastTextHash, fastTextHashString } from './fasttext/hash.js';
export { subwordBuckets, subwordStrings, type SubwordSettings } from './fasttext/subwords.js';
export { FastTextClassifier, decodeFastTextClassifier, LABEL_PREFIX, type FastTextPrediction, type FastTextPredictOptions } from './fasttext/supervised-model.js';
export { trainSupervised, type SupervisedOptions, type SupervisedResult, type SupervisedLine } from './fasttext/supervised-train.js';
export { SUPERVISED_DEFAULTS, SUPERVISED_OPTIONS, type SupervisedOnlyOptions } from './fasttext/supervised-options.js';
export { encodeFastTextClassifier } from './fasttext/classifier-file.js';
export { quantizeClassifier, type QuantizeOptions } from './fasttext/quantize.js';
export { readFastTextFile, loadFastTextModel, writeFastTextModel, loadFastTextClassifier } from './io/fasttext-file.js';
export { webThreads, webThreadSupport, type WebThreadSupport } from './web/threads.js';
export { stringCorpus, type StringCorpusOptions } from './text/string-corpus.js';

// sentence classifier
export { Classifier, type Prediction } from './classify/classifier-object.js';
export { autotuneClassifier, type AutotuneOptions, type AutotuneResult, type AutotuneTrial, type AutotuneQuantization } from './classify/autotune.js';
export { AUTOTUNE_OPTIONS, AUTOTUNE_METRICS, AUTOTUNE_KINDS, type AutotuneMetric, type AutotuneKind } from './classify/autotune-options.js';
export { testClassifier, LabelMeter, topLabels, type ClassifierTestResult, type LabelScore, type PrecisionRecall, type TestExample, type TestOptions } from './classify/test-at-k.js';
export type { LabelledExample, LabelledInput } from './classify/labelled-input.js';
export { trainClassifier, sweepL2, L2_GRID, CLASSIFIER_DEFAULTS, type ClassifyOptions, type ClassifyResult, type ClassifyEpoch, type SweepPoint } from './classify/train.js';
export { predictIndices, labelIndices, CLASSIFIER_KINDS, type SentenceClassifier, type ClassifierKind } from './classify/classifier.js';
export { BagOfNgrams, ngramVocabulary, ngramIds } from './classify/bag-of-ngrams.js';
export { averageVectors, type AveragedFeatures } from './classify/averaged-features.js';
export { saveClassifier, encodeClassifier, decodeClassifier, loadClassifier as loadClassifierRecord, type ClassifierLike } from './classify/model-file.js';
export { readLabelled, readLabelledTsv, readFastText, readSpamAssassin, readUnlabelled, tokenize, type LabelledData, type UnlabelledData } from './text/labelled.js';
export { treebankTokenize, type TextNormalization, type TokenizerChoice } from './text/tokenize.js';
export { classificationReport, formatClassificationReport, type ClassificationReport, type ClassScore } from './train/metrics.js';
export { renderSvg, requirePlotting, accuracyVsL2Spec, trainingCurvesSpec, confusionSpec, type ChartSpec } from './plot/charts.js';
export { word2vecCurvesSpec } from './plot/word2vec-charts.js';
export { taggerCurvesSpec } from './plot/tagger-charts.js';
export { vectorMapSpec, type MapPoint } from './plot/vector-map.js';
export { chooseWords, pcaWordMap } from './plot/word-map.js';
export { tsneWordMap, TSNE_PACKAGE } from './plot/tsne-map.js';
export { pca, type PcaResult } from './core/pca.js';

// types named in the signatures above (exported so that the API reference links them)
export type { OptimizerState } from './train/optimizer.js';
export type { OptionalOptions } from './train/optional-options.js';
export type { RandomState } from './core/random.js';
export type { LbfgsSummary } from './train/fit-lbfgs.js';
export type { DivergenceInfo } from './train/divergence.js';
export type { AnalogySection, AnalogyOptions } from './word2vec/evaluate.js';
export type { TextCorpusOptions, TextCorpusReadOptions } from './text/corpus.js';
export type { Gradients } from './classify/bag-of-ngrams.js';
export type { SameForm, Numeric } from './core/elementwise.js';
export type { ThreadBuffers, EncodedSentence, KernelSetup } from './tagger/model.js';
export type { DataFingerprint, ThreadPosition } from './word2vec/checkpoint.js';
export type { WasmMemory, WasmModule } from './kernels/wasm-types.js';
export { Lexicon } from './tagger/features.js';
