// A benchmark's child run with the CPU time of each of its threads (Linux: /proc/PID/task/*/stat,
// sampled every 20 ms while it runs): how unequal a word2vec run's training threads were, read as
// CPU seconds, which a busy machine does not inflate as it does wall-clock seconds.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One run: wall seconds, the whole process's CPU seconds, the CPU seconds of each thread but the main one (thread-id order), standard output. */
export interface ThreadCpu {
  seconds: number;
  cpuSeconds: number;
  /** CPU seconds of every thread of the process but its main thread, in the order they were started; empty where /proc is missing. */
  threads: number[];
  /** Peak resident memory (MiB; NaN where /proc is missing). */
  peakMiB: number;
  out: string;
}

const TICKS = 100; // USER_HZ on Linux

/** utime + stime (seconds) of a /proc stat line (the fields after the parenthesised command name). */
function cpuOf(stat: string): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Runs `cmd args`, sampling its threads' CPU time until it exits; fails with its standard error when it fails. */
export async function measureThreadCpu(cmd: string, args: string[]): Promise<ThreadCpu> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
  const pid = child.pid!;
  const perTask = new Map<number, number>();
  let total = 0, peakKiB = NaN;
  const proc = existsSync('/proc/self/task');
  const sample = (): void => {
    if (!proc) return;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      const s = read(`/proc/${pid}/task/${t}/stat`);
      if (s) perTask.set(Number(t), cpuOf(s));
    }
    const s = read(`/proc/${pid}/stat`);
    if (s) total = Math.max(total, cpuOf(s));
    const m = /VmHWM:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? '');
    if (m) peakKiB = Number.isNaN(peakKiB) ? Number(m[1]) : Math.max(peakKiB, Number(m[1]));
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${err}`);
  const threads = [...perTask].filter(([tid]) => tid !== pid).sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  return { seconds, cpuSeconds: total, threads, peakMiB: peakKiB / 1024, out: out.trim() };
}

/** The training threads of a run: the `n` threads that used the most CPU, in the order they were started. */
export function busiestThreads(r: ThreadCpu, n: number): number[] {
  const top = r.threads.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0]).slice(0, n).map(([, i]) => i).sort((a, b) => a - b);
  return top.map((i) => r.threads[i]!);
}
