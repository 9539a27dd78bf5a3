/** fastText's `loss_name` and `model_name` enums, as stored in a model file. */
export const LOSS = { hs: 1, ns: 2, softmax: 3, ova: 4 } as const;
export const MODEL = { cbow: 1, sg: 2, sup: 3 } as const;

/** fastText's `Args` as a model file stores them (`Args::save`), in that order. */
export interface FastTextArgs {
  dim: number;
  ws: number;
  epoch: number;
  minCount: number;
  neg: number;
  wordNgrams: number;
  /** 1 hs, 2 ns, 3 softmax, 4 ova (LOSS). */
  loss: number;
  /** 1 cbow, 2 sg (skip-gram), 3 sup (supervised) (MODEL). */
  model: number;
  bucket: number;
  minn: number;
  maxn: number;
  lrUpdateRate: number;
  /** The subsampling threshold (a double in the file). */
  t: number;
}

/** The int32 fields before `t`, in the file's order. */
const INT_FIELDS = ['dim', 'ws', 'epoch', 'minCount', 'neg', 'wordNgrams', 'loss', 'model', 'bucket', 'minn', 'maxn', 'lrUpdateRate'] as const;

/** Bytes of the args block: twelve int32 and a float64. */
export const ARGS_BYTES = INT_FIELDS.length * 4 + 8;

/** fastText's defaults for an unsupervised skip-gram (`fasttext skipgram`), with `changes` applied. */
export function unsupervisedArgs(changes: Partial<FastTextArgs> = {}): FastTextArgs {
  return { dim: 100, ws: 5, epoch: 5, minCount: 5, neg: 5, wordNgrams: 1, loss: LOSS.ns, model: MODEL.sg, bucket: 2_000_000, minn: 3, maxn: 6, lrUpdateRate: 100, t: 1e-4, ...changes };
}

/** Decodes the args block (ARGS_BYTES little-endian bytes). */
export function decodeArgs(bytes: Uint8Array): FastTextArgs {
  const v = new DataView(bytes.buffer, bytes.byteOffset, ARGS_BYTES);
  const a: Record<string, number> = {};
  INT_FIELDS.forEach((f, i) => { a[f] = v.getInt32(4 * i, true); });
  a.t = v.getFloat64(4 * INT_FIELDS.length, true);
  return a as unknown as FastTextArgs;
}

/** Encodes the args block. */
export function encodeArgs(args: FastTextArgs): Uint8Array {
  const out = new Uint8Array(ARGS_BYTES);
  const v = new DataView(out.buffer);
  INT_FIELDS.forEach((f, i) => v.setInt32(4 * i, args[f], true));
  v.setFloat64(4 * INT_FIELDS.length, args.t, true);
  return out;
}

/** Why the args cannot be those of a model this reader understands, or null when they can. */
export function argsProblem(a: FastTextArgs): string | null {
  if (!(a.dim >= 1)) return `dimension ${a.dim}: vectors need at least one value`;
  if (!Object.values(MODEL).includes(a.model as 1)) return `unknown model kind ${a.model} (fastText knows 1 cbow, 2 skipgram, 3 supervised)`;
  if (!Object.values(LOSS).includes(a.loss as 1)) return `unknown loss ${a.loss} (fastText knows 1 hs, 2 ns, 3 softmax, 4 ova)`;
  if (a.bucket < 0) return `negative bucket count ${a.bucket}`;
  if (a.maxn > 0 && (a.minn < 1 || a.minn > a.maxn)) return `bad n-gram lengths minn ${a.minn}, maxn ${a.maxn}`;
  if (a.maxn > 0 && a.bucket === 0) return `character n-grams (minn ${a.minn}, maxn ${a.maxn}) but no buckets to hash them into`;
  return null;
}
