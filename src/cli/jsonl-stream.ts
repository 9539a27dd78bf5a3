import { Worker } from 'node:worker_threads';
import { inputError, LexnetError } from '../io/errors.js';
import { readLines } from '../text/line-reader.js';
import { batchRunner, type JsonlTaskSpec, type LineOutcome } from './jsonl-tasks.js';
import type { JsonlWorkerReply } from './jsonl-worker.js';
import { note, warn } from './quiet.js';
import { printResult } from './stdout.js';

import type { OnError } from './jsonl-on-error.js';
export { ON_ERROR, type OnError } from './jsonl-on-error.js';

export interface JsonlRunOptions {
  /** The input: a file, or `-` for standard input. */
  data: string;
  /** Worker threads, each with its own copy of the model; 1 runs in the calling thread. */
  threads: number;
  onError: OnError;
  /** Lines per batch (a batch is the unit sent to a thread). */
  batchLines?: number;
}

/** Counts of a run, for its summary. */
export interface JsonlCounts { records: number; results: number; skipped: number }

/**
 * Streams JSON Lines through a model (`--format jsonl`): reads the input in batches of lines
 * (blank lines are passed over), has the batches processed by `threads` worker threads (or the
 * calling thread), and prints one result line per record, in input order, as each batch comes
 * back. At most two batches per thread are in flight, so memory stays bounded whatever the
 * input's length; the batches are awaited in the order they were read (the reorder window).
 * A malformed line stops the run with `stdin:LINE: problem` (results before it are printed),
 * or with `onError: 'skip'` is reported as a warning and counted in a summary on standard error.
 */
export async function runJsonl(spec: JsonlTaskSpec, o: JsonlRunOptions): Promise<JsonlCounts> {
  const name = o.data === '-' ? 'stdin' : o.data;
  const batchLines = o.batchLines ?? 256;
  const counts: JsonlCounts = { records: 0, results: 0, skipped: 0 };
  const emit = (outcomes: LineOutcome[]): void => {
    const out: string[] = [];
    for (const r of outcomes) {
      counts.records++;
      if (typeof r === 'string') { out.push(r); continue; }
      if (o.onError === 'stop') {
        if (out.length) printResult(out.join('\n'));
        counts.results += out.length;
        throw inputError(name, r.line, r.problem);
      }
      warn(`${name}:${r.line}: ${r.problem} (skipped)`);
      counts.skipped++;
    }
    if (out.length) printResult(out.join('\n'));
    counts.results += out.length;
  };
  const pool = o.threads > 1 ? await WorkerPool.start(spec, o.threads) : null;
  const inline = pool ? null : batchRunner(spec);
  try {
    const window: Promise<LineOutcome[]>[] = [];
    const maxInFlight = 2 * o.threads;
    let batch: [number, string][] = [];
    const send = async (): Promise<void> => {
      if (batch.length === 0) return;
      const lines = batch;
      batch = [];
      if (inline) { emit(inline(lines)); return; }
      window.push(pool!.run(lines));
      if (window.length >= maxInFlight) emit(await window.shift()!);
    };
    for (const [lineNo, line] of readLines(o.data)) {
      if (line.trim() === '') continue;
      batch.push([lineNo, line]);
      if (batch.length >= batchLines) await send();
    }
    await send();
    while (window.length) emit(await window.shift()!);
  } finally {
    await pool?.close();
  }
  if (o.onError === 'skip') note(`lexnet: ${name}: ${counts.records} records, ${counts.results} results, ${counts.skipped} malformed ${counts.skipped === 1 ? 'line' : 'lines'} skipped`);
  return counts;
}

/** Worker threads fed round-robin; each answers its batches in the order they were sent. */
class WorkerPool {
  private next = 0;
  private readonly waiting: ((reply: JsonlWorkerReply) => void)[][];
  private failure: Error | null = null;

  private constructor(private readonly workers: Worker[]) {
    this.waiting = workers.map(() => []);
    workers.forEach((w, i) => {
      w.on('message', (reply: JsonlWorkerReply) => this.waiting[i]!.shift()?.(reply));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => { if (code !== 0) this.fail(new Error(`a worker thread stopped with status ${code}`)); });
    });
  }

  static async start(spec: JsonlTaskSpec, threads: number): Promise<WorkerPool> {
    const pool = new WorkerPool(Array.from({ length: threads }, () => new Worker(new URL('./jsonl-worker.js', import.meta.url), { workerData: spec })));
    try {
      await Promise.all(pool.workers.map((_, i) => pool.reply(i)));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Outcomes of one batch, from the next thread in turn. */
  run(lines: [number, string][]): Promise<LineOutcome[]> {
    const i = this.next;
    this.next = (this.next + 1) % this.workers.length;
    const p = this.reply(i).then((r) => (r as { outcomes: LineOutcome[] }).outcomes);
    p.catch(() => {}); // awaited later, in order; a failure meanwhile is not unhandled
    this.workers[i]!.postMessage(lines);
    return p;
  }

  private reply(i: number): Promise<JsonlWorkerReply> {
    return new Promise((resolve, reject) => {
      if (this.failure) { reject(this.failure); return; }
      this.waiting[i]!.push((r) => {
        if ('error' in r) reject(r.input ? new LexnetError(r.error) : new Error(r.error));
        else resolve(r);
      });
    });
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const queue of this.waiting) for (const f of queue.splice(0)) f({ error: e.message, input: false });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
