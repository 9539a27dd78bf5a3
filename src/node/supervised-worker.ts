// A thread of fastText's supervised training in a Node worker: its job in workerData, or (a worker
// started early) in the first message.
import { parentPort, workerData } from 'node:worker_threads';
import { SupervisedThread, type SupervisedJob } from '../fasttext/supervised-thread.js';

/** Trains the job's share, then says so. */
function run(job: SupervisedJob): void {
  const t = new SupervisedThread(job);
  while (t.step());
  parentPort!.postMessage('done');
}

if (parentPort && workerData) run(workerData as SupervisedJob);
else if (parentPort) parentPort.once('message', (job: SupervisedJob) => { run(job); parentPort!.close(); });
