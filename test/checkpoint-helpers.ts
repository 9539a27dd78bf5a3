import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CLI } from './cli.js';

/** The JSON header (second line) of a checkpoint bundle. */
export function checkpointHeader(path: string): Record<string, unknown> {
  const bytes = readFileSync(path);
  const first = bytes.indexOf(10);
  return JSON.parse(bytes.subarray(first + 1, bytes.indexOf(10, first + 1)).toString('utf8'));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the CLI with `args` as a child process, waits until `ready(checkpoint)` holds for the
 * checkpoint file it writes, then kills it with SIGKILL. Resolves with whether the child was
 * still running when killed (false if it had already finished).
 */
export async function killWhenCheckpointed(args: string[], checkpoint: string, ready: (header: Record<string, unknown>) => boolean): Promise<boolean> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, LEXNET_DEBUG: '' } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let done = false;
  void exited.then(() => { done = true; });
  for (;;) {
    if (existsSync(checkpoint)) {
      try {
        if (ready(checkpointHeader(checkpoint))) break;
      } catch { /* replaced while we read it: look again */ }
    }
    if (done) break;
    await sleep(5);
  }
  const running = !done;
  child.kill('SIGKILL');
  await exited;
  return running;
}
