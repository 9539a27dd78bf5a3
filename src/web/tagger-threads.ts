// The web edge of tagger training: a page trains the tagger on its own thread (trainTagger asks
// for no workers here), so a run can still live in a Web Worker and be aborted.
import type { EpochSettings, SharedTrainingData } from '../tagger/epoch.js';
import type { TaggerModel } from '../tagger/model.js';
import type { EpochRunner } from '../tagger/train.js';

/** No tagger workers in a page: training runs inline, yielding to the event loop. */
export const TAGGER_WORKERS = false;

/** Never called in a page (TAGGER_WORKERS is false). */
export async function startWorkers(_model: TaggerModel, _data: SharedTrainingData, _settings: EpochSettings, _threads: number, _seed: number, _signal?: AbortSignal): Promise<EpochRunner> {
  throw new Error('lexnet: tagger workers are not available in a browser');
}
