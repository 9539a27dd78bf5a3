// lexnet's WebAssembly kernels (AssemblyScript, SIMD). Memory is imported, and the JS side
// lays out every array in it; nothing here allocates.
export { initSigmoidTables, useSigmoidTables, sigmoidAt } from './sigmoid-table';
export { tanhAt } from './tanh';
export {
  configure, scratchBytes, seed, rngState, setLoss, lossTotal, lossTerms, resetLoss, inputGradientPtr, contextsPtr, targetsPtr,
  negativeStep, hierarchicalStep, softmaxStep, trainChunk, trainWindowBatched, trainWindowLabelled, setBatchNegatives, setNegativeShare, setSkipSaturated, setNegativeWeight, setLossStride,
  configureSubwords, subwordSkipgramWindow, subwordCbowStep, configureShards, setChunkBase,
} from './word2vec';
export { taggerConfigure, taggerScratchBytes, taggerPredict, taggerTrainBatch, taggerTrainForward, taggerTrainBackward, taggerScores, taggerSeed, taggerRngState } from './tagger';
export {
  classifierConfigure, classifierScratchBytes, classifierSeed, classifierRngState, classifierLossTotal, classifierLossTerms,
  classifierResetLoss, classifierHiddenPtr, classifierDrawnPtr, classifierExample, classifierTrain, classifierUniformRows,
  classifierTopLabel, classifierCorrect, classifierWords, classifierLineRows, classifierTrainWords, classifierCorrectWords,
} from './classifier';
