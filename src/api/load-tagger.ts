import { sourceBytes, type ModelSource } from '../io/model-source.js';
import { loadKernelModule } from '../kernels/load.js';
import { decodeTaggerSteps } from '../tagger/model-file.js';
import { stepsInTurns, Ticker } from '../train/abort.js';
import { Tagger } from '../tagger/tagger-object.js';

/**
 * Loads a tagger saved by `tagger.save`, `toBytes`, `lexnet tagger train` or saveTagger, ready to
 * `tag`: from a path (Node) or the file's bytes (`Uint8Array`, `ArrayBuffer`, `Blob`, `Response`).
 */
export async function loadTagger(source: ModelSource): Promise<Tagger> {
  const { bytes, name } = await sourceBytes(source, 'loadTagger');
  await loadKernelModule({ shared: false }); // compiled before the model is built (a page compiles asynchronously)
  return new Tagger(await stepsInTurns(decodeTaggerSteps(bytes, name), new Ticker(undefined))); // decoded with turns of the event loop
}
