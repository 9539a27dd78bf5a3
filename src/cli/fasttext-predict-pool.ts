import { Worker } from 'node:worker_threads';
import { LexnetError } from '../io/errors.js';
import type { LinesOfBytes } from './fasttext-line-block.js';
import type { PredictWorkerReply, PredictWorkerSpec } from './fasttext-predict-worker.js';

/**
 * Worker threads that predict blocks of lines with a fastText model (each loads the model once),
 * fed in turn; each answers its blocks in the order sent, so replies awaited in the order the
 * blocks were sent come back in input order.
 */
export class FastTextPredictPool {
  private next = 0;
  private readonly workers: Worker[];
  private readonly waiting: ((reply: PredictWorkerReply) => void)[][];
  private failure: Error | null = null;

  constructor(spec: PredictWorkerSpec, threads: number) {
    this.workers = Array.from({ length: threads }, () => new Worker(new URL('./fasttext-predict-worker.js', import.meta.url), { workerData: spec }));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, i) => {
      w.on('message', (reply: PredictWorkerReply) => this.waiting[i]!.shift()?.(reply));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => { if (code !== 0) this.fail(new Error(`a worker thread stopped with status ${code}`)); });
    });
  }

  /** The printed predictions of a block of lines (its bytes are copied: the reader reuses them), from the next thread in turn. */
  run(lines: LinesOfBytes): Promise<Uint8Array> {
    const i = this.next;
    this.next = (this.next + 1) % this.workers.length;
    const end = lines.count ? lines.ends[lines.count - 1]! : lines.start;
    const bytes = new Uint8Array(end - lines.start); // a copy (a Buffer's slice would share, and be transferred)
    bytes.set(lines.bytes.subarray(lines.start, end));
    const ends = lines.ends.slice(0, lines.count).map((e) => e - lines.start);
    const p = new Promise<Uint8Array>((resolve, reject) => {
      if (this.failure) { reject(this.failure); return; }
      this.waiting[i]!.push((r) => ('error' in r ? reject(new LexnetError(r.error)) : resolve(r.out)));
    });
    p.catch(() => {}); // awaited later, in order; a failure meanwhile is not unhandled
    const message: LinesOfBytes = { bytes, start: 0, ends, count: lines.count, terminated: lines.terminated };
    this.workers[i]!.postMessage(message, [bytes.buffer, ends.buffer]);
    return p;
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const queue of this.waiting) for (const f of queue.splice(0)) f({ error: e.message });
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
