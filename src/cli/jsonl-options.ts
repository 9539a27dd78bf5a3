import type { Command } from 'commander';
import { ON_ERROR, type OnError } from './jsonl-on-error.js';
import type { JsonlTaskSpec } from './jsonl-tasks.js';
import { refuseUnusedOptions } from './option-checks.js';
import { oneOf, threads } from './options.js';

/** The flags of a command's `--format jsonl` mode. */
export interface JsonlFlags { format: 'text' | 'jsonl'; threads?: number; onError?: OnError; json?: boolean }

/** Adds `--format text|jsonl`, `--threads` and `--on-error` to a command that has a JSON Lines mode. */
export function addJsonlOptions(cmd: Command, formats: readonly ('text' | 'jsonl')[] = ['text', 'jsonl'], threadsMore = ''): Command {
  return cmd
    .option('--format <format>', `${formats.join(' | ')}: jsonl reads one JSON object per line (see the README, "Streaming JSON Lines") and prints one result object per line, ids and order kept`, oneOf(formats), formats[0])
    .option('--threads <n>', `jsonl: worker threads, each loading the model once (default 1: the calling thread)${threadsMore}`, threads)
    .option('--on-error <mode>', 'jsonl: a malformed line stops the run (stop) or is reported and skipped (skip, counted in a summary on standard error)', oneOf(ON_ERROR));
}

/**
 * Runs the command's JSON Lines mode if `--format jsonl` was given (true), after refusing the
 * options that only one of the two modes uses; false for the command's usual output.
 */
export async function maybeRunJsonl(cmd: Command, f: JsonlFlags, spec: JsonlTaskSpec, data: string): Promise<boolean> {
  const jsonl = f.format === 'jsonl';
  refuseUnusedOptions(cmd, [
    ['threads', jsonl, 'only with --format jsonl'], ['onError', jsonl, 'only with --format jsonl'],
    ['json', !jsonl, 'without --format jsonl (which prints JSON already)'],
  ]);
  if (!jsonl) return false;
  const { runJsonl } = await import('./jsonl-stream.js'); // (loaded only for jsonl: its tasks' model code)
  await runJsonl(spec, { data, threads: f.threads ?? 1, onError: f.onError ?? 'stop' });
  return true;
}
