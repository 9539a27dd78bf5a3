import { formatG, writeG6 } from './format-g.js';

/** How `classify predict` prints a fastText model's labels: `fasttext predict`'s lines, `predict-prob`'s, or one JSON object. */
export type PredictionFormat = 'labels' | 'probabilities' | 'json';

/** Bytes gathered before they are written (few, large writes). */
const CHUNK = 1 << 17;
const encoder = new TextEncoder();

/**
 * Prints a fastText model's predictions line by line as bytes in one reused buffer, written in
 * large chunks through `write`: per line the labels (`__label__en __label__fr`), or label and
 * probability pairs as `fasttext predict-prob` prints them (`%g`), or, for `json`, the object
 * `{"model":…,"data":…,"predictions":[[{"label":…,"probability":…}],…]}` byte for byte as
 * JSON.stringify writes it (`begin` writes its head; a writer for a later part of the lines is
 * told how many came before). `end` closes the object and writes what is left.
 */
export class PredictionWriter {
  private buf = new Uint8Array(CHUNK);
  private pos = 0;
  /** Lines printed (by this writer, or before the part it prints). */
  lines = 0;
  /** Each label's bytes as printed (JSON: `{"label":"…","probability":`). */
  private readonly names: Uint8Array[];

  constructor(labels: readonly string[], private readonly format: PredictionFormat, private readonly write: (bytes: Uint8Array) => void) {
    this.names = labels.map((l) => encoder.encode(format === 'json' ? `{"label":${JSON.stringify(l)},"probability":` : l));
  }

  /** Starts the output: the JSON object's head (naming the model and data as given); nothing for lines. */
  begin(model: string, data: string): void {
    if (this.format === 'json') this.bytes(encoder.encode(`{"model":${JSON.stringify(model)},"data":${JSON.stringify(data)},"predictions":[`));
  }

  /** One input line's predictions: `n` labels (indices into the labels) and their probabilities, best first. */
  line(ids: Int32Array, probabilities: Float32Array, n: number): void {
    const json = this.format === 'json';
    if (json) this.text(this.lines === 0 ? '[' : ',[');
    for (let i = 0; i < n; i++) {
      const name = this.names[ids[i]!]!;
      this.room(name.length + 32);
      if (i > 0) this.buf[this.pos++] = json ? 44 : 32; // ',' or ' '
      this.bytes(name);
      if (json) {
        this.text(String(probabilities[i]!));
        this.buf[this.pos++] = 125; // '}' (room was made for the number and it)
      }
      else if (this.format === 'probabilities') {
        this.buf[this.pos++] = 32;
        const end = writeG6(this.buf, this.pos, probabilities[i]!); // room was made for it
        if (end >= 0) this.pos = end;
        else this.text(formatG(probabilities[i]!));
      }
    }
    if (json) this.text(']');
    else {
      this.room(1);
      this.buf[this.pos++] = 10;
    }
    this.lines++;
  }

  /** Ends the output (the JSON object closed) and writes what is held. */
  end(): void {
    if (this.format === 'json') this.text(']}\n');
    this.flush();
  }

  private bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Appends ASCII text. */
  private text(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Makes room for n more bytes: writes what is held when the buffer is nearly full, grows it for a longer piece. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n);
  }

  /** Writes what is held. */
  flush(): void {
    if (this.pos > 0) this.write(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}
