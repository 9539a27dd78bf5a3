/**
 * Cancellation and cooperative yielding for the long calls. An aborted call rejects with the
 * signal's reason, which is a DOMException named "AbortError" unless the caller gave another
 * reason to `abort()` (as `fetch` does).
 */

/** Throws the signal's reason (an AbortError DOMException by default) if it has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** The error an aborted call rejects with. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Whether `e` is the rejection of an aborted call: an error named AbortError (`abort()`) or
 * TimeoutError (`AbortSignal.timeout(ms)`), or, when the call's `signal` is given and has been
 * aborted, whatever reason was passed to `abort(reason)` (the call rejects with that reason).
 */
export function isAbortError(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && e === signal.reason) return true;
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: unknown }).name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/** A promise that rejects when the signal aborts (never settles without one). Used in races. */
export function whenAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

/** One turn of the event loop (timers, I/O and abort events run), then the abort check. */
export async function yieldToEventLoop(signal?: AbortSignal): Promise<void> {
  await nextTurn();
  throwIfAborted(signal);
}

/**
 * A promise settled after one turn of the event loop: setImmediate in Node; a MessageChannel
 * message in browsers and Web Workers (not clamped to 4 ms as nested timeouts are).
 */
function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise<void>((resolve) => setImmediate(resolve));
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Lets a synchronous loop give the event loop a turn every `everyMs` milliseconds of work:
 * `if (ticker.due()) await ticker.tick();` costs one clock read per call otherwise.
 */
export class Ticker {
  private last = performance.now();
  private count = 0;

  constructor(private readonly signal: AbortSignal | undefined, private readonly everyMs = 25, private readonly checkEvery = 64) {}

  /** Whether a turn is due (the clock is read once every `checkEvery` calls). */
  due(): boolean {
    if (++this.count < this.checkEvery) return false;
    this.count = 0;
    return performance.now() - this.last >= this.everyMs;
  }

  /** Yields to the event loop and throws if the call was aborted meanwhile. */
  async tick(): Promise<void> {
    await yieldToEventLoop(this.signal);
    this.last = performance.now();
  }

  /** For loops whose steps are long (slices of work): yields when `everyMs` have passed, reading the clock every call. */
  async turnIfDue(): Promise<void> {
    if (performance.now() - this.last >= this.everyMs) await this.tick();
  }

  /** Copies of `arrays`, made a slice at a time with turns of the event loop between (large parameter sets). */
  async copies<T extends Float32Array | Float64Array>(arrays: readonly T[]): Promise<T[]> {
    const out: T[] = [];
    for (const a of arrays) {
      const copy = new (a.constructor as new (n: number) => T)(a.length);
      for (let i = 0; i < a.length; i += COPY_SLICE) {
        copy.set(a.subarray(i, i + COPY_SLICE), i);
        await this.turnIfDue();
      }
      out.push(copy);
    }
    return out;
  }

  /** Sets `targets[i]` to `sources[i]`, a slice at a time with turns of the event loop between. */
  async setAll<T extends Float32Array | Float64Array>(targets: readonly T[], sources: readonly T[]): Promise<void> {
    for (const [k, a] of targets.entries()) {
      const b = sources[k]!;
      for (let i = 0; i < b.length; i += COPY_SLICE) {
        a.set(b.subarray(i, i + COPY_SLICE), i);
        await this.turnIfDue();
      }
    }
  }
}

/** Values copied between two clock reads by Ticker.copies (a few milliseconds' work). */
const COPY_SLICE = 1 << 20;

/** Calls `send` at most every `everyMs` milliseconds, unless forced. */
export class Throttle {
  private last = -Infinity;

  constructor(private readonly everyMs = 100) {}

  ready(force = false): boolean {
    const now = performance.now();
    if (!force && now - this.last < this.everyMs) return false;
    this.last = now;
    return true;
  }
}

/** Runs work written as steps (a generator that yields between them) to its end, synchronously. */
export function stepsToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs work written as steps (each at most a few milliseconds), giving the event loop a turn
 * whenever the ticker's interval has passed (the clock is read after every step).
 */
export async function stepsInTurns<T>(steps: Generator<unknown, T>, ticker: Ticker): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await ticker.turnIfDue();
  }
}
