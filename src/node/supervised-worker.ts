// A thread of fastText's supervised training in a Node worker.
import { parentPort, workerData } from 'node:worker_threads';
import { SupervisedThread, type SupervisedJob } from '../fasttext/supervised-thread.js';

if (parentPort && workerData) {
  const t = new SupervisedThread(workerData as SupervisedJob);
  while (t.step());
  parentPort.postMessage('done');
}
