import { writeFileAtomic } from './atomic-write.js';
import { inputError, LexnetError } from './errors.js';
import { readBytes } from './read-text.js';
import { WordVectors } from './word-vectors.js';

/** `.bin` is word2vec's binary format; anything else (`.txt`, `.vec`) its text format. */
export type VectorFormat = 'text' | 'binary';
export const formatOf = (path: string): VectorFormat => (path.endsWith('.bin') ? 'binary' : 'text');

/**
 * Writes vectors in word2vec's text format (header `V dim`, then `word v1 … vdim` per line, as
 * fastText's .vec) or its binary format (header line, then per word `word ` + dim little-endian
 * float32 + `\n`), atomically.
 */
export function writeVectors(path: string, vectors: WordVectors, format = formatOf(path)): void {
  const { words, dim, data } = vectors;
  for (const w of words) {
    if (w === '' || /\s/.test(w)) throw new LexnetError(`cannot write the word "${w}": words in vector files cannot contain white space`);
  }
  writeFileAtomic(path, (function* () {
    yield `${words.length} ${dim}\n`;
    if (format === 'binary') {
      for (let i = 0; i < words.length; i++) {
        const row = Buffer.from(data.buffer, data.byteOffset + i * dim * 4, dim * 4);
        yield Buffer.concat([Buffer.from(`${words[i]} `, 'utf8'), littleEndian(row), Buffer.from('\n')]);
      }
    } else {
      const lines: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const row = data.subarray(i * dim, (i + 1) * dim);
        lines.push(`${words[i]} ${Array.from(row, (v) => String(Number(v.toPrecision(9)))).join(' ')}\n`);
        if (lines.length === 1024) yield lines.splice(0).join('');
      }
      yield lines.join('');
    }
  })());
}

const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;
function littleEndian(row: Buffer): Buffer {
  if (!BIG_ENDIAN) return row;
  const out = Buffer.from(row);
  for (let i = 0; i < out.length; i += 4) out.writeFloatLE(row.readFloatBE(i), i);
  return out;
}

/** Reads a vector file in either format (by extension; `.bin` binary), checking every row. */
export function readVectors(path: string, format = formatOf(path)): WordVectors {
  const bytes = readBytes(path);
  return format === 'binary' ? parseBinary(path, bytes) : parseText(path, bytes.toString('utf8'));
}

function parseHeader(path: string, line: string): { count: number; dim: number } | null {
  const parts = line.trim().split(/\s+/);
  if (parts.length !== 2) return null;
  const [count, dim] = parts.map(Number);
  if (!Number.isInteger(count) || !Number.isInteger(dim) || count! < 0 || dim! <= 0) {
    throw inputError(path, 1, `bad header "${line.trim()}": expected "<word count> <dimension>"`);
  }
  return { count: count!, dim: dim! };
}

function parseText(path: string, text: string): WordVectors {
  const lines = text.split('\n');
  if (lines.length && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw inputError(path, null, 'the file is empty');
  const header = parseHeader(path, lines[0]!);
  const first = header ? 1 : 0; // files without a header line (GloVe) are accepted too
  const dim = header?.dim ?? lines[0]!.trim().split(/\s+/).length - 1;
  const count = lines.length - first;
  if (header && header.count !== count) throw inputError(path, 1, `the header announces ${header.count} words but the file has ${count} rows`);
  const words: string[] = [];
  const data = new Float32Array(count * dim);
  for (let r = 0; r < count; r++) {
    const lineNo = r + first + 1;
    const parts = lines[r + first]!.trimEnd().split(' ');
    if (parts.length - 1 !== dim) throw inputError(path, lineNo, `${parts.length - 1} values, expected ${dim}`);
    words.push(parts[0]!);
    for (let j = 0; j < dim; j++) {
      const v = Number(parts[j + 1]);
      if (parts[j + 1] === '' || !Number.isFinite(v)) throw inputError(path, lineNo, `value ${j + 1} of "${parts[0]}" is not a number: "${parts[j + 1]}"`);
      data[r * dim + j] = v;
    }
  }
  return new WordVectors(words, dim, data);
}

function parseBinary(path: string, bytes: Buffer): WordVectors {
  const nl = bytes.indexOf(10);
  if (nl < 0) throw inputError(path, 1, 'no header line: is this a word2vec .bin file?');
  const header = parseHeader(path, bytes.subarray(0, nl).toString('utf8'));
  if (!header) throw inputError(path, 1, `bad header "${bytes.subarray(0, nl).toString('utf8').slice(0, 60)}": expected "<word count> <dimension>"`);
  const { count, dim } = header;
  const words: string[] = [];
  const data = new Float32Array(count * dim);
  let p = nl + 1;
  for (let i = 0; i < count; i++) {
    while (p < bytes.length && (bytes[p] === 10 || bytes[p] === 13)) p++;
    const space = bytes.indexOf(32, p);
    if (space < 0 || space + 1 + dim * 4 > bytes.length) {
      throw inputError(path, null, `cut short: the header announces ${count} vectors of ${dim} floats but the file ends in vector ${i + 1} (byte ${bytes.length})`);
    }
    words.push(bytes.subarray(p, space).toString('utf8'));
    p = space + 1;
    for (let j = 0; j < dim; j++, p += 4) data[i * dim + j] = bytes.readFloatLE(p);
  }
  return new WordVectors(words, dim, data);
}
