// What `--on-error` may say, in a file of its own: the commands that offer the flag load the
// JSON Lines machinery (jsonl-stream.ts, every task's model code) only when it runs.

/** What a malformed line does: stop the run (exit 1 naming the line) or be skipped and counted. */
export type OnError = 'stop' | 'skip';
/** The values of `--on-error`. */
export const ON_ERROR = ['stop', 'skip'] as const;
