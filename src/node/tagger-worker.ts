// A tagger training thread in a Node worker: its own kernel instance over the shared model memory (Hogwild).
import { parentPort, workerData } from 'node:worker_threads';
import { Random } from '../core/random.js';
import { kernelForThread, type KernelSetup } from '../tagger/model.js';
import { trainClaimedBatches, type SharedTrainingData, type EpochSettings } from '../tagger/epoch.js';
import { trainClaimedSentences } from '../tagger/crf-epoch.js';

/** What a tagger worker starts with (its workerData). */
export interface TaggerWorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  setup: KernelSetup;
  thread: number;
  data: SharedTrainingData;
  settings: EpochSettings;
  seed: number;
}

if (parentPort && workerData) {
  const init = workerData as TaggerWorkerInit;
  const k = kernelForThread(init.module, init.memory, init.setup, init.thread, init.seed);
  const rng = new Random(init.seed);
  const port = parentPort;
  // each message (the epoch number): reseed from the seed, thread and epoch, so that a run resumed
  // from a checkpoint draws as an uninterrupted one would; train on batches claimed from the shared
  // cursor and reply with the summed loss
  port.on('message', (epoch: number) => {
    rng.setState(new Random((init.seed ^ Math.imul(epoch, 0x9e3779b1)) >>> 0).getState());
    k.taggerSeed(BigInt(init.seed) * 1000003n + BigInt(epoch) * 7919n + BigInt(init.thread) + 1n);
    const io = init.setup.buffers[init.thread]!, s = init.setup;
    port.postMessage(init.settings.decoder === 'crf'
      ? trainClaimedSentences(k, init.memory, io, init.data, init.settings, { tags: s.tags, start: s.start, transitions: s.transitions }, rng)
      : trainClaimedBatches(k, init.memory, io, init.data, init.settings, rng));
  });
  port.postMessage(0); // ready
}
