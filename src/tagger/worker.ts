// A tagger training thread: its own kernel instance over the shared model memory (Hogwild).
import { parentPort, workerData } from 'node:worker_threads';
import { Random } from '../core/random.js';
import { kernelForThread, type KernelSetup } from './model.js';
import { trainSlice, type SharedTrainingData, type SliceSettings } from './epoch.js';

export interface TaggerWorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  setup: KernelSetup;
  thread: number;
  data: SharedTrainingData;
  settings: SliceSettings;
  seed: number;
}

if (parentPort && workerData) {
  const init = workerData as TaggerWorkerInit;
  const k = kernelForThread(init.module, init.memory, init.setup, init.thread, false, init.seed);
  const rng = new Random(init.seed);
  const port = parentPort;
  port.on('message', (m: { from: number; to: number } | 'stop') => {
    if (m === 'stop') {
      port.close();
      return;
    }
    port.postMessage(trainSlice(k, init.memory, init.setup.buffers[init.thread]!, init.data, init.settings, m.from, m.to, rng));
  });
}
