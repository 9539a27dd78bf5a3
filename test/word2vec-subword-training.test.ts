// word2vec with fastText's subwords, end to end: the library's result (a SubwordVectors and the
// fastText model), its options and refusals, and the CLI's fastText .bin + .vec, which the real
// fastText (Debian's `fasttext`, skipped with a message when missing) reads with the same vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelModule, readVectors, subwordBuckets, textCorpus, trainWord2vec, type SubwordVectors } from '../src/index.js';
import { SparseRowsMatrix } from '../src/fasttext/sparse-rows-matrix.js';
import { stringCorpus } from '../src/text/string-corpus.js';
import { countAndEncodeInMemory } from '../src/word2vec/encode-memory.js';
import { inlineThread } from '../src/word2vec/inline-thread.js';
import { defaultWord2vecOptions } from '../src/word2vec/options.js';
import { trainEncoded } from '../src/word2vec/session.js';
import { readWord2vecCheckpoint } from '../src/word2vec/checkpoint.js';
import { lexnet, tempDir, writeTemp } from './cli.js';

const hasFastText = spawnSync('fasttext', ['print-word-vectors'], { encoding: 'utf8' }).error === undefined;
const noFastText = hasFastText ? false : 'the fasttext tool is not installed (apt-get install fasttext)';
const dir = tempDir();
const bytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Made-up words from shared syllables (some non-ASCII), so words share n-grams. */
function sentences(): string[][] {
  let s = 11;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const syl = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'él', 'zü', 'щи'];
  const words = Array.from({ length: 40 }, () => Array.from({ length: 1 + rnd(3) }, () => syl[rnd(syl.length)]).join(''));
  return Array.from({ length: 400 }, () => Array.from({ length: 10 }, () => words[rnd(words.length)]!));
}
const text = writeTemp(dir, 'corpus.txt', sentences().map((s) => s.join(' ')).join('\n') + '\n');

for (const [model, loss] of [['skipgram', 'negative'], ['cbow', 'negative'], ['skipgram', 'hierarchical'], ['cbow', 'softmax']] as const) {
  test(`trainWord2vec with subwords (${model}/${loss}): a SubwordVectors whose words are the mean of their own row and n-gram rows, any word answered`, async () => {
    const r = await trainWord2vec(sentences(), { model, loss, subwords: true, bucket: 500, dim: 8, minCount: 1, epochs: 2, threads: 1 });
    const v = r.vectors as SubwordVectors;
    assert.ok(v.hasSubwords);
    assert.deepEqual(v.subwords, { minn: 3, maxn: 6, bucket: 500 });
    const ft = r.fastText!;
    // the input matrix is kept as its trained rows (the buckets no word uses are zeros), laid out when asked for
    assert.ok(ft.input instanceof SparseRowsMatrix && ft.input.storedRows()!.count < v.size + 500);
    assert.equal(ft.input.rows, v.size + 500);
    assert.equal(ft.input.data.length, (v.size + 500) * 8);
    assert.equal(ft.output.rows, v.size);
    const d = 8, V = v.size;
    const w = v.words[3]!, i = 3;
    const rows = [i, ...subwordBuckets(w, v.subwords).map((b) => V + b)];
    for (let j = 0; j < d; j++) {
      const mean = rows.reduce((s, row) => s + ft.input.data[row * d + j]!, 0) / rows.length;
      assert.ok(Math.abs(v.vector(w)[j]! - mean) < 1e-6, `${w}[${j}]`);
    }
    const unseen = v.vector('kalozü-unseen');
    assert.equal(unseen.length, d);
    assert.ok(unseen.every(Number.isFinite) && unseen.some((x) => x !== 0));
    // the n-gram rows were trained (they moved from their U(−0.5, 0.5)/dim start)
    const bucketRows = ft.input.data.subarray(V * d);
    assert.ok(bucketRows.some((x) => Math.abs(x) > 0.5 / d));
  });
}

test('subwords: minn, maxn or bucket alone turn them on; subwords false with them, maxn < minn and bucket 0 are refused naming the option', async () => {
  const r = await trainWord2vec(sentences(), { minn: 2, maxn: 4, bucket: 100, dim: 4, minCount: 1, epochs: 1, threads: 1 });
  assert.deepEqual((r.vectors as SubwordVectors).subwords, { minn: 2, maxn: 4, bucket: 100 });
  await assert.rejects(trainWord2vec(sentences(), { subwords: false, minn: 2 }), { option: 'minn', message: /minn is used only with subwords/ });
  await assert.rejects(trainWord2vec(sentences(), { minn: 5, maxn: 4 }), { option: 'maxn', message: /maxn must be ≥ minn \(5\), got 4/ });
  await assert.rejects(trainWord2vec(sentences(), { subwords: true, bucket: 0 }), { option: 'bucket' });
  const plain = await trainWord2vec(sentences(), { dim: 4, minCount: 1, epochs: 1, threads: 1 });
  assert.equal(plain.vectors.hasSubwords, false);
  assert.equal(plain.fastText, undefined);
});

test('with subwords, the browser\'s inline thread over plain memory trains the same model as one Node worker', async () => {
  const corpus = stringCorpus(sentences().map((s) => s.join(' ')).join('\n'));
  for (const model of ['skipgram', 'cbow'] as const) {
    const options = { model, dim: 8, epochs: 2, minCount: 1, threads: 1, seed: 5, subwords: true, bucket: 300 };
    const node = await trainWord2vec(corpus, options);
    const o = { ...defaultWord2vecOptions(model, true), ...options };
    const mem = await countAndEncodeInMemory(corpus, o.minCount, { endOfLine: true });
    const data = { corpus: 'text', tokens: mem.tokens, sentences: mem.sentences, ids: mem.ids.length, words: mem.words, idsHash: '' };
    const inline = await trainEncoded(mem.vocab, { store: { array: mem.ids }, ids: mem.ids.length, words: mem.words }, data, o, kernelModule(false), inlineThread, { event: () => {} });
    assert.ok(inline.vectors.hasSubwords);
    assert.deepEqual(Buffer.from(inline.fastText!.input.data.buffer), Buffer.from(node.fastText!.input.data.buffer), model);
    assert.deepEqual(Buffer.from(inline.vectors.data.buffer), Buffer.from(node.vectors.data.buffer), model);
  }
});

test('with subwords, a one-thread run resumed from any checkpoint gives bit-identical vectors and fastText model', async () => {
  const corpus = Array.from({ length: 5 }, sentences).flat(); // 20,000 tokens: three chunks an epoch
  const options = { subwords: true, bucket: 700, dim: 8, minCount: 1, epochs: 2, threads: 1, seed: 3 };
  const plain = await trainWord2vec(corpus, options);
  const path = join(dir, 'sub.ck'), copies: string[] = [], mid: string[] = [];
  const checkpointed = await trainWord2vec(corpus, {
    ...options, checkpoint: { path, everySeconds: 1e-6, onWrite: ({ done, total }) => { copyFileSync(path, `${path}.${copies.length}`); copies.push(`${path}.${copies.length}`); if (done % (total / 2) !== 0) mid.push(copies.at(-1)!); } },
  });
  assert.deepEqual(bytes(checkpointed.fastText!.input.data), bytes(plain.fastText!.input.data));
  assert.ok(copies.length >= 3, `${copies.length} checkpoints`);
  const ck = readWord2vecCheckpoint(copies[0]!);
  assert.equal(ck.options.subwords, true);
  const V = plain.vectors.size;
  assert.ok(ck.syn0.length > V * 8 && ck.syn0.length < (V + 700) * 8, 'the words\' rows and the buckets their n-grams use');
  assert.ok(mid.length > 0, 'some checkpoints fall inside an epoch');
  for (const file of [mid[0]!, copies[1]!, copies.at(-1)!]) {
    const resumed = await trainWord2vec(corpus, { resume: file });
    assert.ok(resumed.vectors.hasSubwords, file);
    assert.deepEqual(bytes(resumed.vectors.data), bytes(plain.vectors.data), file);
    assert.deepEqual(bytes(resumed.fastText!.input.data), bytes(plain.fastText!.input.data), file);
    assert.deepEqual(bytes(resumed.fastText!.output.data), bytes(plain.fastText!.output.data), file);
    assert.deepEqual(resumed.vectors.vector('kalozü-unseen'), plain.vectors.vector('kalozü-unseen'));
  }
  await assert.rejects(trainWord2vec(corpus, { resume: copies[0]!, bucket: 800 }), /other options: `bucket` 700 \(this run: 800\)/);
  await assert.rejects(trainWord2vec(corpus, { resume: copies[0]!, subwords: false }), /other options: `subwords` true \(this run: false\)/);
});

test('lexnet word2vec --subwords --checkpoint, then --resume alone, writes fastText\'s .bin and .vec again', () => {
  const out = join(dir, 'ck.bin'), ck = join(dir, 'cli.ck');
  const r = lexnet(['word2vec', '--corpus', text, '--subwords', '--bucket', '600', '--dim', '8', '--min-count', '1', '--epochs', '2', '--threads', '1', '--checkpoint', ck, '--out', out, '--show', '']);
  assert.equal(r.status, 0, r.stderr);
  const first = readFileSync(out), firstVec = readFileSync(join(dir, 'ck.vec'));
  rmSync(out);
  rmSync(join(dir, 'ck.vec'));
  const again = lexnet(['word2vec', '--resume', ck, '--show', '']);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr + again.stdout, /ck\.bin \(fastText's model, with 600 n-gram buckets\) and .*ck\.vec/);
  assert.deepEqual(readFileSync(out), first);
  assert.deepEqual(readFileSync(join(dir, 'ck.vec')), firstVec);
});

test('lexnet word2vec --subwords --out m.bin writes fastText\'s m.bin and m.vec; fastText prints the same vectors for known and unknown words', { skip: noFastText }, () => {
  const out = join(dir, 'm.bin');
  const r = lexnet(['word2vec', '--corpus', text, '--kind', 'cbow', '--minn', '2', '--maxn', '5', '--bucket', '3000', '--dim', '10', '--min-count', '1', '--epochs', '2', '--threads', '2', '--out', out, '--show', '']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr + r.stdout, /m\.bin \(fastText's model, with 3000 n-gram buckets\) and .*m\.vec/);
  const v = readVectors(out) as SubwordVectors;
  assert.ok(v.hasSubwords);
  assert.deepEqual(v.subwords, { minn: 2, maxn: 5, bucket: 3000 });
  const vec = readVectors(join(dir, 'm.vec'));
  assert.equal(vec.size, v.size);
  const words = [...v.words.slice(0, 15), 'zzunseen', 'kaélzü', 'щищи', 'Ka'];
  const p = spawnSync('fasttext', ['print-word-vectors', out], { input: words.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  const printed = p.stdout.trim().split('\n').map((line) => line.trim().split(' '));
  assert.equal(printed.length, words.length);
  printed.forEach(([w, ...xs], k) => {
    assert.equal(w, words[k]);
    const mine = v.vector(w!);
    xs.map(Number).forEach((x, j) => assert.ok(Math.abs(mine[j]! - x) <= 1e-5 + 1e-4 * Math.abs(x), `${w}[${j}]: ${mine[j]} vs fastText ${x}`));
    if (k < 15) vec.vector(w!)!.forEach((x, j) => assert.ok(Math.abs(x - mine[j]!) <= 1e-6, `${w}[${j}] in m.vec`));
  });
  assert.ok(printed.slice(15).some(([, ...xs]) => xs.some((x) => Number(x) !== 0)), 'unknown words get n-gram vectors');
});

test('with subwords each sentence ends with fastText\'s `</s>`: a word counted once a sentence, in the windows, with its own row only; word vectors have none', async () => {
  // fastText's getLine reads a line's `</s>` as a word of the line (its dictionary counts it, its
  // negative table and subsampling hold it, skip-gram's windows cross it); word2vec.c ends the sentence there
  const lines = ['a b c', 'b c', '', 'c </s> a', 'd'];
  const corpus = stringCorpus(lines.join('\n') + '\n');
  const plain = await countAndEncodeInMemory(corpus, 1);
  assert.equal(plain.vocab.counts[plain.vocab.id('</s>')!], 1, 'a literal </s> is a word as any');
  const mem = await countAndEncodeInMemory(corpus, 1, { endOfLine: true });
  const eos = mem.vocab.id('</s>')!;
  const sentenceCount = plain.ids.filter((id) => id < 0).length;
  assert.equal(mem.vocab.counts[eos], 1 + sentenceCount, 'the text\'s </s> and one per sentence');
  assert.equal(mem.words, mem.vocab.totalCount);
  // the same ids with </s> before every sentence mark
  const expected: number[] = [];
  for (const id of plain.ids) {
    if (id < 0) expected.push(eos, -1);
    else expected.push(mem.vocab.id(plain.vocab.words[id]!)!);
  }
  assert.deepEqual([...mem.ids], expected);
  // the file encoder (the Node trainer's; a text file's tokens scanned as bytes) gives the same vocabulary and ids
  const { countAndEncode } = await import('../src/word2vec/encode.js');
  const file = await countAndEncode(textCorpus(writeTemp(dir, 'eol.txt', lines.join('\n') + '\n')), 1, { endOfLine: true, tmpDir: dir });
  try {
    assert.deepEqual(file.vocab.words, mem.vocab.words);
    const b = readFileSync(file.encoded.path);
    assert.deepEqual(Array.from({ length: b.length / 4 }, (_, i) => b.readInt32LE(4 * i)), [...mem.ids]);
  } finally {
    file.encoded.remove();
  }
  // trained: </s> is a word of the model and its vector is its own row (fastText gives it no n-grams)
  const result = await trainWord2vec(corpus, { dim: 8, epochs: 1, minCount: 1, sample: 0, threads: 1, subwords: true, bucket: 50 });
  const v = result.vectors as SubwordVectors;
  const w = v.words.indexOf('</s>');
  assert.ok(w >= 0);
  assert.deepEqual(subwordBuckets('</s>', { minn: 3, maxn: 6, bucket: 50 }), []);
  assert.deepEqual(bytes(v.vector('</s>')!), bytes(result.fastText!.input.data.subarray(w * 8, w * 8 + 8)));
  const words = await trainWord2vec(corpus, { dim: 8, epochs: 1, minCount: 1, sample: 0, threads: 1 });
  assert.deepEqual(words.vectors.words.filter((x) => x === '</s>'), ['</s>'], 'without subwords only the text\'s own </s>');
});

// A checkpoint written before session 10 (no `</s>` in its vocabulary): tiny, mid-run, from
// { subwords, bucket 40, dim 4, minCount 1, epochs 2, threads 1, seed 3, sample 0 } on the corpus below.
const OLD_SUBWORD_CHECKPOINT =
  "bGV4bmV0LXdvcmQydmVjLWNoZWNrcG9pbnQgMQp7Im9wdGlvbnMiOnsibW9kZWwiOiJza2lwZ3JhbSIsImxvc3MiOiJuZWdhdGl2" +
  "ZSIsImRpbSI6NCwid2luZG93Ijo1LCJuZWdhdGl2ZSI6NSwic2FtcGxlIjowLCJtaW5Db3VudCI6MSwiZXBvY2hzIjoyLCJhbHBo" +
  "YSI6MC4wNSwidGhyZWFkcyI6MSwic2VlZCI6MywiYmF0Y2hOZWdhdGl2ZXMiOnRydWUsInNraXBTYXR1cmF0ZWQiOnRydWUsImRh" +
  "dGFPcmRlciI6ImNvbnRpZ3VvdXMiLCJuZWdhdGl2ZVdlaWdodCI6MSwic3Vid29yZHMiOnRydWUsIm1pbm4iOjMsIm1heG4iOjYs" +
  "ImJ1Y2tldCI6NDB9LCJkYXRhIjp7ImNvcnB1cyI6ImNvcnB1cyIsInRva2VucyI6MzAwLCJzZW50ZW5jZXMiOjYwLCJpZHMiOjM2" +
  "MCwid29yZHMiOjMwMCwiaWRzSGFzaCI6ImE4NjEwNmYyMjNmOTBmY2Y4YjMwNDA5Mjg1YjliYTllMmEyOTk0Zjg1MjE5ZDBlMDNh" +
  "Y2Q3NmIwZGNiNTg2MzQifSwid29yZHMiOlsiYSIsImRvZyIsImhlciIsImhpcyIsImtpbmciLCJraW5nZG9tIiwicXVlZW4iLCJy" +
  "dWxlcyIsInRoZSIsIndhbGtzIl0sImRvbmUiOjM2MCwic2Vjb25kcyI6MC4wNjQ0MjM3NTgsImV4dHJhIjp7fSwidGhyZWFkcyI6" +
  "W3siZXBvY2giOjAsInBvcyI6MzYwLCJybmciOiIxMjk3MDAwMDM1OTk2MDY0NTUwMiIsImxvc3NTdW0iOjM0OS41OTkyNTUzMzgz" +
  "MTEyLCJsb3NzVGVybXMiOjExNn1dLCJjaGVja3N1bSI6IjE0OGNhZDc2ODlkMzM1YjEyN2MyN2FiYmQ5MzE4YzcwZWJhMmRjNDNk" +
  "YTUyYWM3YzAzYjQ4NjA1ZWY5ODc0MDciLCJhcnJheXMiOlt7Im5hbWUiOiJzeW4wIiwidHlwZSI6ImYzMiIsImxlbmd0aCI6MTk2" +
  "fSx7Im5hbWUiOiJzeW4xIiwidHlwZSI6ImYzMiIsImxlbmd0aCI6NDB9LHsibmFtZSI6ImNvdW50cyIsInR5cGUiOiJmNjQiLCJs" +
  "ZW5ndGgiOjEwfV19Ckzonr5r5C8+G0sdP1/VLD7MWnG+9pyaPj4OBz+ISsU9RliJvplIcj4YgDw/P10gPqV5Bb+nvEq+QIQfPn2s" +
  "6T7Hsnu+VlfNOxZNc742u1E+B9/GvsCgu7wmbJE85srTPlYR4L7a9Rs+KF89P5fTwj7BecO+oo0rviIxxb1YFQ0/mSwyvo2b6b0K" +
  "DzY9TEWJPiRIlL6stZg+TY8QPxHTSz4LP7i/4Em3PuRGlz9NBJo/EW4Tvwwapz44x6Q/hA7hPt2Sxb+EsGI+AzKLP3Nhvj97eoa/" +
  "QZjXPuUqjD/SZnQ/YfVbv7McBj/39qM/1A1qP4q7H7+9Kl49UNwHP/vdMD8VgKG/CN86P4aW2D/bdZE/TPWwvzH8oz54oZY/IHiY" +
  "P2sd376Cg3k+m+MuPxYi9T00Eg2/hI+TPsqaTD8yD9U+TE53v1Uyqb7LD7W95GZ4P56j8b4bIi6+crBivfYhCj9pBZG/kAoFuq+g" +
  "RD/ox4U/zJq8v5A4Gz2T7/s+L7LZP7Mxf78SwMQ+rdWtP7QtfT+IFNq/Oby/vfk0Mj+mxApAKKlNv4oxED7xTdA+lOF8P0/Qbr9H" +
  "a5k9ISf1PvTgaT/tPPC+GAxPPhm67j7qmio/iaMwv0WUkj0emfU+Wh0tP/w9mL/JfoE+1xr5PkYBkT88hG2/nkcEP4PIpz+u72g/" +
  "Unhkvn5Hyz2ozue7gLHJPqw/l7+TN6q803LPPXYytT9UNBe/hNefvWxZ9DwR6Ss/2uCeviYSAL4py6g9x196PmSYsL4AYYw9RIWa" +
  "vfyqsz7dv6u+/vgtPo9/ID/jrks+wU2yvjrxRj7TZgo/l9vHPic7K790KUA+1nEjPwgdUT8vE0S/OFHdPjbbkz9Ikus+q0IXv+wW" +
  "lD00Sho/kUnHPozxZb/5MoE+pRg/P1/XlD/sIuC+zjygPhUuIj/xjX0+hwRAv8yh2rwIQQU8+j92P23Do76dyp88QKtdursDBj92" +
  "WdW+7uKKPtFaDT9EQc0+kpTNvq8XsT4e3S4/7E3DPmjJ5L514EI+XCQDP24HtT6E4zg/lM0lvXIB0L5YtTK/Pc1NP3Z66739WQ2/" +
  "Z9VVv3eHGT8NKzI8/o+PvhtxE7/KVRU/WDtHvu8YSL/xDNm+vdT5Pil+eL58FDS/y1zUvrOVID9THJq+D6VLv315Br+9QhY//ZG8" +
  "u7Vhhb573TS/2rb2PnLFlr72BEC/Zo3qvvv8FT/0jJa+ldNNvxmq1b58bAU/BPPGvPhhN75RQxy/AAAAAAAAPkAAAAAAAAA+QAAA" +
  "AAAAAD5AAAAAAAAAPkAAAAAAAAA+QAAAAAAAAD5AAAAAAAAAPkAAAAAAAAA+QAAAAAAAAD5AAAAAAAAAPkA=" +
  "";

test('a subword checkpoint written before </s> ended each sentence resumes as it was made (no </s>)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lexnet-old-ck-'));
  const path = join(dir, 'old.ck');
  writeFileSync(path, Buffer.from(OLD_SUBWORD_CHECKPOINT, 'base64'));
  assert.ok(!readWord2vecCheckpoint(path).words.includes('</s>'));
  const old: string[][] = [];
  for (let i = 0; i < 30; i++) old.push(['the', 'king', 'rules', 'his', 'kingdom'], ['a', 'queen', 'walks', 'her', 'dog']);
  const resumed = await trainWord2vec(old, { resume: path, quiet: true });
  assert.equal(resumed.vectors.size, 10);
  assert.ok(!resumed.vectors.words.includes('</s>'));
  // a new run on the same text has the word
  const fresh = await trainWord2vec(old, { subwords: true, bucket: 40, dim: 4, minCount: 1, epochs: 1, threads: 1, seed: 3, sample: 0, quiet: true });
  assert.ok(fresh.vectors.words.includes('</s>'));
  rmSync(dir, { recursive: true, force: true });
});
