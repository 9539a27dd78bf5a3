/**
 * The handshake that lets the main thread take a consistent snapshot of Hogwild workers: it
 * (or a worker at the end of an epoch) raises PAUSE; each worker, at its next chunk boundary,
 * publishes its position, counts itself PARKED and sleeps until GEN changes. Once every
 * worker is parked or FINISHED, the main thread copies the model and calls `release`.
 * STOP asks the workers to return at their next chunk boundary (divergence, errors).
 */
const PAUSE = 0, PARKED = 1, FINISHED = 2, GEN = 3, STOP = 4;

/** The handshake's words: shared between worker threads, plain for one thread run inline. */
export function createControl(shared = true): ArrayBufferLike {
  return threadBuffer(4 * 5, shared);
}

/** A buffer the threads of a run see: a SharedArrayBuffer for workers, an ArrayBuffer inline (Atomics work on both). */
export function threadBuffer(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

export class PauseControl {
  private readonly c: Int32Array;

  constructor(buffer: ArrayBufferLike, private readonly threads: number) {
    this.c = new Int32Array(buffer);
  }

  /** Asks every worker to park at its next chunk boundary (idempotent). */
  request(): void {
    Atomics.compareExchange(this.c, PAUSE, 0, 1);
  }

  get requested(): boolean {
    return Atomics.load(this.c, PAUSE) === 1;
  }

  /** Workers parked now. */
  get parked(): number {
    return Atomics.load(this.c, PARKED);
  }

  /** Settles once the count of parked workers is no longer `seen`, or after `ms` (without shared memory: after `ms`). */
  parkedChange(seen: number, ms: number): Promise<unknown> {
    const wait = (Atomics as unknown as { waitAsync?: (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: unknown } }).waitAsync;
    if (!wait || !(this.c.buffer instanceof SharedArrayBuffer)) return new Promise((r) => setTimeout(r, ms));
    const r = wait(this.c, PARKED, seen, ms);
    return r.async ? (r.value as Promise<unknown>) : Promise.resolve();
  }

  /** Whether every worker is parked or finished, so the shared model is still. */
  get still(): boolean {
    return Atomics.load(this.c, PARKED) + Atomics.load(this.c, FINISHED) >= this.threads;
  }

  /**
   * Lets the parked workers go on. The counts are cleared before GEN moves, so no worker can
   * wake, see the old PAUSE and park again uncounted.
   */
  release(): void {
    Atomics.store(this.c, PARKED, 0);
    Atomics.store(this.c, PAUSE, 0);
    Atomics.add(this.c, GEN, 1);
    Atomics.notify(this.c, GEN);
  }

  stop(): void {
    Atomics.store(this.c, STOP, 1);
    this.release();
  }

  get stopped(): boolean {
    return Atomics.load(this.c, STOP) === 1;
  }

  // worker side

  /** Called by a worker at a chunk boundary once its position is published: sleeps until released. */
  park(): void {
    const gen = Atomics.load(this.c, GEN);
    Atomics.add(this.c, PARKED, 1);
    Atomics.notify(this.c, PARKED); // the main thread may wait for the last one (parkedChange)
    while (Atomics.load(this.c, GEN) === gen && !this.stopped) Atomics.wait(this.c, GEN, gen);
  }

  finish(): void {
    Atomics.add(this.c, FINISHED, 1);
  }
}
