import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { writeFileAtomic } from '../io/atomic-write.js';
import { inputError } from '../io/errors.js';
import { batchRunner, type BatchRunner, type JsonlTaskSpec } from './jsonl-tasks.js';
import { shardFile, type ShardJob } from './queue-shards.js';

/** Lines processed between two returns to the event loop (which renews the job's lock). */
const BATCH = 256;

/**
 * Processes one shard: its records through the task's model (loaded once per worker and task),
 * the results written atomically to the shard's file. A malformed line fails the shard with
 * `FILE:LINE: problem` (`onError: 'stop'`; thrown as `fatal`, so the queue does not retry it),
 * or is skipped and handed to `skipped` (`'skip'`). Returns the number of results.
 */
export async function processShard(job: ShardJob, runners: Map<string, BatchRunner>, fatal: (message: string) => Error, skipped: (message: string) => void): Promise<number> {
  const key = JSON.stringify(job.task);
  let run = runners.get(key);
  if (!run) {
    run = batchRunner(job.task satisfies JsonlTaskSpec);
    runners.set(key, run);
  }
  const out: string[] = [];
  for (let i = 0; i < job.lines.length; i += BATCH) {
    for (const r of run(job.lines.slice(i, i + BATCH))) {
      if (typeof r === 'string') { out.push(r); continue; }
      const message = inputError(job.name, r.line, r.problem).message;
      if (job.onError === 'stop') throw fatal(message);
      skipped(message);
    }
    await yieldToEvents();
  }
  writeFileAtomic(shardFile(job.outDir, job.shard), out.length ? `${out.join('\n')}\n` : '');
  return out.length;
}
