import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { LexnetError } from '../io/errors.js';
import type { OnError } from './jsonl-stream.js';
import type { JsonlTaskSpec } from './jsonl-tasks.js';
import { UsageError } from './usage-error.js';

/**
 * The shards of a queued run (`lexnet queue`): the input's non-blank lines cut into shards of at
 * most `shardSize` lines (a shard never spans two input files, so each line keeps its file name
 * and line number for messages). Each shard is one job; its output is the file
 * `OUT_DIR/shard-NNNNNN.jsonl`, written atomically by whichever worker processes it, so a shard
 * processed twice (a worker killed after writing, a retry) writes the same bytes again.
 * `OUT_DIR/manifest.json` (written by `submit`) says how many shards there are, for `collect`.
 */
export interface ShardJob {
  /** The shard's position in the input (0-based). */
  shard: number;
  task: JsonlTaskSpec;
  onError: OnError;
  /** The folder of the outputs (absolute: the same shared path on every machine). */
  outDir: string;
  /** The input file, as messages name it (`stdin` for `-`). */
  name: string;
  /** [1-based line number, line] of each record. */
  lines: [number, string][];
}

export interface Manifest {
  lexnet: 'queue-run';
  queue: string;
  shards: number;
  inputs: string[];
  task: string;
}

export const MANIFEST = 'manifest.json';

export const shardFile = (outDir: string, shard: number): string => join(outDir, `shard-${String(shard).padStart(6, '0')}.jsonl`);

/**
 * `--task`: the command whose `--format jsonl` mode each worker runs, as it would be typed
 * (`classify predict --model M`, `tagger tag --model M`, `predict --model M`, `lookup VECTORS
 * [--limit N]`); words split at spaces. Model paths are read by the workers: give paths that
 * every worker machine sees (absolute, on the shared folder).
 */
export function parseTask(text: string): JsonlTaskSpec {
  const w = text.trim().split(/\s+/).filter(Boolean);
  const usage = `--task must be one of 'tagger tag --model FILE', 'classify predict --model FILE', 'predict --model FILE', 'lookup VECTORS [--limit N]', got "${text}"`;
  const flags = (rest: string[], allowed: string[]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (let i = 0; i < rest.length; i += 2) {
      const [flag, value] = [rest[i]!, rest[i + 1]];
      if (!allowed.includes(flag) || value === undefined) throw new UsageError(usage);
      out[flag] = value;
    }
    return out;
  };
  const withModel = (kind: JsonlTaskSpec['kind'], rest: string[]): JsonlTaskSpec => {
    const f = flags(rest, ['--model']);
    if (!f['--model']) throw new UsageError(usage);
    return { kind, model: resolve(f['--model']) };
  };
  if (w[0] === 'tagger' && w[1] === 'tag') return withModel('tag', w.slice(2));
  if (w[0] === 'classify' && w[1] === 'predict') return withModel('classify', w.slice(2));
  if (w[0] === 'predict') return withModel('predict', w.slice(1));
  if (w[0] === 'lookup' && w[1] !== undefined && !w[1].startsWith('--')) {
    const f = flags(w.slice(2), ['--limit']);
    const limit = f['--limit'] === undefined ? undefined : Number(f['--limit']);
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) throw new UsageError(`--task: --limit must be a whole number ≥ 1, got "${f['--limit']}"`);
    return { kind: 'lookup', model: resolve(w[1]), ...(limit ? { limit } : {}) };
  }
  throw new UsageError(usage);
}

export function writeManifest(outDir: string, m: Manifest): void {
  writeFileAtomic(join(outDir, MANIFEST), `${JSON.stringify(m)}\n`);
}

export function readManifest(outDir: string): Manifest {
  const path = join(outDir, MANIFEST);
  if (!existsSync(path)) throw new LexnetError(`${outDir}: no ${MANIFEST}: not the --out-dir of a \`lexnet queue submit\``);
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  } catch (e) {
    throw new LexnetError(`${path}: not a queue manifest (${(e as Error).message})`);
  }
  if (m.lexnet !== 'queue-run' || !Number.isSafeInteger(m.shards) || m.shards! < 0) throw new LexnetError(`${path}: not a queue manifest`);
  return m as Manifest;
}
