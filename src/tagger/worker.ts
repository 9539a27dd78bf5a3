// A tagger training thread: its own kernel instance over the shared model memory (Hogwild).
import { parentPort, workerData } from 'node:worker_threads';
import { Random } from '../core/random.js';
import { kernelForThread, type KernelSetup } from './model.js';
import { trainClaimedBatches, type SharedTrainingData, type EpochSettings } from './epoch.js';

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
  // each 'epoch' message: train on batches claimed from the shared cursor, reply with the summed loss
  port.on('message', () => {
    port.postMessage(trainClaimedBatches(k, init.memory, init.setup.buffers[init.thread]!, init.data, init.settings, rng));
  });
  port.postMessage(0); // ready
}
