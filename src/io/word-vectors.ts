import { encodeVectors } from './vector-encode.js';
import type { VectorFormat } from './vector-format.js';
import { analogyCosAdd, analogyCosMul, mostSimilar, type Neighbour, type SearchOptions } from '../word2vec/similarity.js';

/** A table of word vectors: one float32 row per word, in vocabulary order. */
export class WordVectors {
  readonly index: Map<string, number>;
  private unit: Float32Array | null = null;
  /** 1/|row| of the first `normed` rows (0 for a zero row), grown on demand. */
  private inverse = new Float64Array(0);
  private normed = 0;

  constructor(
    readonly words: readonly string[],
    readonly dim: number,
    readonly data: Float32Array,
    /** The word → row map when the caller built it already (a reader); else it is built here. */
    index?: Map<string, number>,
  ) {
    if (data.length !== words.length * dim) throw new RangeError(`WordVectors: ${data.length} values for ${words.length}×${dim}`);
    if (index) {
      this.index = index;
      return;
    }
    this.index = new Map();
    // the first occurrence wins, as gensim does for duplicate keys
    words.forEach((w, i) => { if (!this.index.has(w)) this.index.set(w, i); });
  }

  /** Whether `vector` answers for words outside the vocabulary too (fastText's subwords); false here. */
  get hasSubwords(): boolean {
    return false;
  }

  get size(): number {
    return this.words.length;
  }

  /** The vector of a word (a view, no copy), or undefined when the word has none. */
  vector(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    return i === undefined ? undefined : this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** The `topn` (default 10) words nearest to `word` by cosine similarity, the word itself left out (gensim's `most_similar`). */
  mostSimilar(word: string | readonly string[], options: SearchOptions = {}): Neighbour[] {
    return mostSimilar(this, typeof word === 'string' ? [word] : word, [], options);
  }

  /** "a is to b as c is to ?": the best answers, by 3CosAdd (b − a + c; default) or 3CosMul. */
  analogy(a: string, b: string, c: string, options: SearchOptions & { method?: 'add' | 'mul' } = {}): Neighbour[] {
    return options.method === 'mul' ? analogyCosMul(this, a, b, c, options) : analogyCosAdd(this, a, b, c, options);
  }

  /**
   * Saves the vectors to a file (Node; atomically, as `writeVectors`) in word2vec's binary format
   * (a name ending in `.bin` or `.bin.gz`) or text format (anything else), unless `format` says
   * which; a `.gz` name is gzip-compressed. `loadVectors(path)` reads it.
   */
  async save(path: string, options: { format?: VectorFormat | undefined } = {}): Promise<void> {
    // imported when called: the Node writer's module graph (vector readers, fastText's SubwordVectors) leads back here
    const { writeVectorFile } = await import('#platform/model-files.js');
    writeVectorFile(path, this, options.format ?? (path.replace(/\.gz$/i, '').endsWith('.bin') ? 'binary' : 'text'));
  }

  /** The vectors as a word2vec file's bytes (default text), for `loadVectors(bytes)`, a download or a fetch. */
  toBytes(format: VectorFormat = 'text'): Uint8Array {
    return encodeVectors(this, format);
  }

  /**
   * 1/|row| for the first `n` rows (default all; 0 for a zero row), computed once and kept: cosine
   * similarity is dot / (|a||b|), so the searches need these n numbers, not a normalised copy of the matrix.
   */
  inverseNorms(n = this.size): Float64Array {
    n = Math.min(n, this.size);
    if (n > this.normed) {
      if (n > this.inverse.length) {
        const grown = new Float64Array(n === this.size ? n : Math.min(this.size, Math.max(n, 2 * this.inverse.length)));
        grown.set(this.inverse.subarray(0, this.normed));
        this.inverse = grown;
      }
      const { data, dim } = this;
      for (let i = this.normed; i < n; i++) {
        let s = 0;
        for (let j = i * dim, end = j + dim; j < end; j++) s += data[j]! * data[j]!;
        this.inverse[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
      }
      this.normed = n;
    }
    return this.inverse;
  }

  /** Rows scaled to unit length (a copy of the matrix, computed once; the searches use `inverseNorms` instead). */
  normalized(): Float32Array {
    if (!this.unit) {
      const u = new Float32Array(this.data.length);
      for (let i = 0; i < this.size; i++) {
        let s = 0;
        for (let j = 0; j < this.dim; j++) s += this.data[i * this.dim + j]! ** 2;
        const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
        for (let j = 0; j < this.dim; j++) u[i * this.dim + j] = this.data[i * this.dim + j]! * inv;
      }
      this.unit = u;
    }
    return this.unit;
  }
}
