// A word2vec training thread in a Node worker: the shared loop over chunks read from the ids file.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ThreadLoop, type ThreadJob } from '../word2vec/thread-loop.js';

/** Runs a thread's job to its end (the ids store must be a file). */
export function runJob(job: ThreadJob): void {
  if (!('file' in job.ids)) throw new Error('a Node word2vec worker reads its ids from a file');
  const fd = openSync(job.ids.file, 'r');
  let loop: ThreadLoop | undefined;
  try {
    loop = new ThreadLoop(job, (into, pos, n) => { readSync(fd, into, 0, n * 4, pos * 4); });
    while (loop.step());
  } finally {
    closeSync(fd);
    loop?.finish();
  }
}

if (parentPort && workerData) {
  runJob(workerData as ThreadJob);
  parentPort.postMessage('done');
}
