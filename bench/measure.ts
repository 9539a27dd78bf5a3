// Running a command as a benchmark's child: wall time, peak resident memory, standard output.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { python } from './common.js';

const haveTime = existsSync('/usr/bin/time');

/** One run of a command: wall seconds, peak resident memory of the child (MiB) and its standard output. */
export interface Measured {
  seconds: number;
  peakMiB: number;
  out: string;
}

/** Runs `cmd args` (in `cwd`), failing with its standard error when it fails. */
export function measure(cmd: string, args: string[], cwd?: string): Measured {
  const t0 = performance.now();
  if (haveTime) {
    const r = spawnSync('/usr/bin/time', ['-f', '@@peak %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, cwd });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
    const m = /@@peak (\d+)/.exec(r.stderr);
    return { seconds, peakMiB: m ? Number(m[1]) / 1024 : NaN, out: r.stdout.trim() };
  }
  const wrapper = 'import resource,subprocess,sys\nr=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,check=True)\nsys.stdout.write(r.stdout.decode().strip()+"\\n@@peak %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  const out = execFileSync(python, ['-c', wrapper, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, cwd });
  const seconds = (performance.now() - t0) / 1000;
  const m = /@@peak (\d+)/.exec(out);
  return { seconds, peakMiB: m ? Number(m[1]) / 1024 : NaN, out: out.replace(/\n@@peak \d+\n$/, '').trim() };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Whether a command runs (exit status 0). */
export const runs = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
