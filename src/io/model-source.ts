// Where a model is loaded from: a path (Node) or its bytes (everywhere: Uint8Array, ArrayBuffer,
// Blob or File, a fetch Response), so a model saved in Node loads in a page and back.
import { readFileBytesAsync } from '#platform/model-files.js';
import { LexnetError } from './errors.js';

/** A model's source: a path (Node only) or its bytes as a `Uint8Array`, `ArrayBuffer`, `Blob`/`File` or `Response`. */
export type ModelSource = string | Uint8Array | ArrayBuffer | Blob | Response;

/** The bytes of a model source and the name errors give it (the path, the file's name, the URL, or `what`). */
export async function sourceBytes(source: ModelSource, what: string): Promise<{ bytes: Uint8Array; name: string }> {
  if (typeof source === 'string') return { bytes: await readFileBytesAsync(source), name: source };
  if (source instanceof Uint8Array) return { bytes: source, name: what };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name: what };
  if (isResponse(source)) {
    const name = source.url || what;
    if (!source.ok) throw new LexnetError(`${name}: HTTP ${source.status} ${source.statusText}`.trim());
    return { bytes: new Uint8Array(await source.arrayBuffer()), name };
  }
  if (isBlob(source)) {
    const fileName = (source as { name?: unknown }).name;
    return { bytes: new Uint8Array(await source.arrayBuffer()), name: typeof fileName === 'string' && fileName ? fileName : what };
  }
  const got = source === null ? 'null' : typeof source === 'object' ? `an object (${Object.prototype.toString.call(source)})` : typeof source;
  throw new LexnetError(`${what}: expected a path or the model's bytes (Uint8Array, ArrayBuffer, Blob, Response), got ${got}`);
}

function isResponse(v: unknown): v is Response {
  return typeof Response !== 'undefined' && v instanceof Response;
}

function isBlob(v: unknown): v is Blob {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}
