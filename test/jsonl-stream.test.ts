import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { Classifier } from '../src/classify/classifier-object.js';
import { loadClassifier } from '../src/classify/model-file.js';
import { parseRecord, recordTokens } from '../src/text/jsonl-record.js';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { writeModelFixtures } from './model-fixtures.js';

const dir = tempDir();
const models = writeModelFixtures(dir);
const words = ['good', 'bad', 'film', 'the', 'cat', 'dull'];
/** n records with mixed string and number ids, text and tokens, deterministic. */
function records(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const ws = Array.from({ length: 1 + (i % 7) }, (_, k) => words[(i * 3 + k * 5) % words.length]!);
    out.push(JSON.stringify(i % 3 === 0 ? { id: `r${i}`, tokens: ws } : { id: i, text: ws.join(' ') }));
  }
  return `${out.join('\n')}\n`;
}
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

test('parseRecord and recordTokens: ids, text or tokens, and the problems of malformed lines', () => {
  assert.deepEqual(parseRecord('{"id": 7, "text": "a b"}'), { id: 7, fields: { id: 7, text: 'a b' } });
  assert.match((parseRecord('{"id": 7') as { problem: string }).problem, /^not JSON/);
  assert.match((parseRecord('[1]') as { problem: string }).problem, /must be a JSON object.*got an array/);
  assert.equal((parseRecord('{"text": "x"}') as { problem: string }).problem, 'missing "id" (a string or a number)');
  assert.equal((parseRecord('{"id": null, "text": "x"}') as { problem: string }).problem, '"id" must be a string or a number, got null');
  assert.equal((parseRecord('{"id": true}') as { problem: string }).problem, '"id" must be a string or a number, got the boolean true');
  assert.deepEqual(recordTokens({ text: '  a\tb  c ' }), ['a', 'b', 'c']);
  assert.deepEqual(recordTokens({ tokens: ['a', 'b'] }), ['a', 'b']);
  assert.equal((recordTokens({}) as { problem: string }).problem, 'missing "text" (a string) or "tokens" (an array of strings)');
  assert.equal((recordTokens({ text: 3 }) as { problem: string }).problem, '"text" must be a string, got the number 3');
  assert.equal((recordTokens({ text: 'a', tokens: ['a'] }) as { problem: string }).problem, 'give "text" or "tokens", not both');
  assert.match((recordTokens({ tokens: ['a', 'b c'] }) as { problem: string }).problem, /"tokens"\[1\] must be a non-empty string without white space/);
});

test('classify predict --format jsonl: one result per record, ids and order kept, the library\'s answers', () => {
  const input = records(50);
  const r = lexnet(['classify', 'predict', '--model', models.fasttext, '--data', '-', '--format', 'jsonl'], input);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const c = new Classifier(loadClassifier(models.fasttext));
  const got = lines(r.stdout).map((l) => JSON.parse(l) as { id: unknown; label: string; probabilities: Record<string, number> });
  const want = lines(input).map((l) => JSON.parse(l) as { id: unknown; text?: string; tokens?: string[] });
  assert.equal(got.length, want.length);
  got.forEach((g, i) => {
    assert.equal(g.id, want[i]!.id);
    const p = c.predict(want[i]!.text ?? want[i]!.tokens!);
    assert.equal(g.label, p.label);
    assert.deepEqual(g.probabilities, p.probabilities);
  });
});

test('jsonl output is identical with 1 and 2 threads, over many batches (order kept by the reorder window)', () => {
  const input = records(3000);
  for (const [cmd, model] of [[['classify', 'predict', '--data', '-'], models.mlp], [['tagger', 'tag'], models.tagger]] as const) {
    const one = lexnet([...cmd, '--model', model, '--format', 'jsonl'], input);
    const two = lexnet([...cmd, '--model', model, '--format', 'jsonl', '--threads', '2'], input);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.equal(lines(one.stdout).length, 3000);
    assert.equal(two.stdout, one.stdout);
    assert.deepEqual(lines(two.stdout).map((l) => (JSON.parse(l) as { id: unknown }).id), lines(input).map((l) => (JSON.parse(l) as { id: unknown }).id));
  }
});

test('tagger tag, predict and lookup --format jsonl: their result shapes', () => {
  const tag = lexnet(['tagger', 'tag', '--model', models.tagger, '--format', 'jsonl'], '{"id":"s1","text":"the cat"}\n{"id":2,"tokens":[]}\n');
  assert.equal(tag.status, 0, tag.stderr);
  const [a, b] = lines(tag.stdout).map((l) => JSON.parse(l) as { id: unknown; tokens: string[]; tags: string[] });
  assert.deepEqual([a!.id, a!.tokens, a!.tags.length], ['s1', ['the', 'cat'], 2]);
  assert.deepEqual(b, { id: 2, tokens: [], tags: [] });

  const pred = lexnet(['predict', '--model', models.tabular, '--data', '-', '--format', 'jsonl'], '{"id":1,"features":[1,2]}\n{"id":2,"features":{"x2":2,"x1":1}}\n');
  assert.equal(pred.status, 0, pred.stderr);
  const [p1, p2] = lines(pred.stdout).map((l) => JSON.parse(l) as { id: number; prediction: number });
  assert.equal(p1!.id, 1);
  assert.ok([0, 1, 2].includes(p1!.prediction));
  assert.deepEqual(p2, { id: 2, prediction: p1!.prediction });
  const width = lexnet(['predict', '--model', models.tabular, '--data', '-', '--format', 'jsonl'], '{"id":1,"features":[1]}\n');
  assert.equal(width.status, 1);
  assert.equal(width.stderr, 'lexnet: stdin:1: "features" has 1 values; the model takes 2\n');

  const vectors = writeTemp(dir, 'v.txt', '2 2\ngood 0.5 -2\nbad 1 2\n');
  const look = lexnet(['lookup', vectors, '--threads', '2'], '{"id":1,"word":"good"}\n{"id":2,"word":"unseen"}\n');
  assert.equal(look.status, 0, look.stderr);
  assert.equal(look.stdout, '{"id":1,"word":"good","vector":[0.5,-2]}\n{"id":2,"word":"unseen","vector":null}\n');
});

test('malformed lines stop the run naming stdin:LINE (results before it printed), or with --on-error skip are counted', () => {
  const input = [
    '{"id":1,"text":"good film"}', '{"id":2,"text":"bad"', '', '{"id":3}', '{"id":{"a":1},"text":"x"}', '{"text":"no id"}', '{"id":6,"text":"the cat"}',
  ].join('\n');
  for (const threads of ['1', '2']) {
    const stop = lexnet(['classify', 'predict', '--model', models.fasttext, '--data', '-', '--format', 'jsonl', '--threads', threads], input);
    assert.equal(stop.status, 1);
    assert.match(stop.stderr, /^lexnet: stdin:2: not JSON \(.*\)\n$/);
    assert.deepEqual(lines(stop.stdout).map((l) => (JSON.parse(l) as { id: number }).id), [1]);

    const skip = lexnet(['classify', 'predict', '--model', models.fasttext, '--data', '-', '--format', 'jsonl', '--threads', threads, '--on-error', 'skip'], input);
    assert.equal(skip.status, 0, skip.stderr);
    assert.deepEqual(lines(skip.stdout).map((l) => (JSON.parse(l) as { id: number }).id), [1, 6]);
    const err = lines(skip.stderr);
    assert.match(err[0]!, /^lexnet: warning: stdin:2: not JSON \(.*\) \(skipped\)$/);
    assert.deepEqual(err.slice(1), [
      'lexnet: warning: stdin:4: missing "text" (a string) or "tokens" (an array of strings) (skipped)',
      'lexnet: warning: stdin:5: "id" must be a string or a number, got an object (skipped)',
      'lexnet: warning: stdin:6: missing "id" (a string or a number) (skipped)',
      'lexnet: stdin: 6 records, 2 results, 4 malformed lines skipped',
    ]);
  }
  // a file, not standard input, is named by its path; bytes that are not UTF-8 are refused as by every reader
  const bad = writeTemp(dir, 'bad.jsonl', Buffer.concat([Buffer.from('{"id":1,"text":"a"}\n{"id":2,"text":"'), Buffer.from([0xff]), Buffer.from('"}\n')]));
  const utf8 = lexnet(['classify', 'predict', '--model', models.fasttext, '--data', bad, '--format', 'jsonl']);
  assert.equal(utf8.status, 1);
  assert.match(utf8.stderr, new RegExp(`^lexnet: ${bad}:2: invalid UTF-8`));
});

test('options of one mode only are refused in the other', () => {
  const threads = lexnet(['classify', 'predict', '--model', models.fasttext, '--data', '-', '--threads', '2'], 'good\n');
  assert.equal(threads.status, 2);
  assert.equal(threads.stderr, 'lexnet: --threads has no effect here: it is used only with --format jsonl\n');
  const json = lexnet(['tagger', 'tag', '--model', models.tagger, '--format', 'jsonl', '--json'], '');
  assert.equal(json.status, 2);
  assert.match(json.stderr, /--json has no effect here/);
  const format = lexnet(['tagger', 'tag', '--model', models.tagger, '--format', 'xml'], '');
  assert.equal(format.status, 2);
  assert.equal(format.stderr, 'lexnet: --format must be one of text, jsonl, got "xml"\n');
});

test('a long input (100,000 lines) streams in bounded memory', () => {
  const text = 'good film bad the cat dull '.repeat(8);
  const input = Array.from({ length: 100_000 }, (_, i) => `{"id":${i},"text":"${text}"}`).join('\n');
  // the child reports its peak resident set size as it exits
  const report = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss "+process.resourceUsage().maxRSS+"\\n"))';
  const r = spawnSync(process.execPath, ['--import', report, CLI, 'classify', 'predict', '--model', models.mlp, '--data', '-', '--format', 'jsonl', '--threads', '2'],
    { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  const out = lines(r.stdout);
  assert.equal(out.length, 100_000);
  assert.equal((JSON.parse(out[99_999]!) as { id: number }).id, 99_999);
  const kib = Number(/maxrss (\d+)/.exec(r.stderr)?.[1]);
  // input ~17 MB, held whole as parsed records it would be several times that; a generous sanity bound
  assert.ok(kib > 0 && kib < 400 * 1024, `peak RSS ${kib} KiB`);
});

test('a reader that closes the pipe early ends the run quietly with 141, threads or not', () => {
  const file = writeTemp(dir, 'many.jsonl', records(20_000));
  for (const threads of ['1', '2']) {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" classify predict --model "${models.fasttext}" --data "${file}" --format jsonl --threads ${threads} | head -n 1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.equal(lines(r.stdout).length, 1);
    assert.equal(r.stderr, 'status 141\n');
  }
});
