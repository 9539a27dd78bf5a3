// Issue 19: output cut short never exits 0 (a file-size limit, a full disk: exit 1 with a
// message; a reader that closes the pipe: a quiet exit), and --quiet never removes the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, lexnet, tempDir, writeTemp } from './cli.js';
import { writeModelFixtures } from './model-fixtures.js';

const dir = tempDir();
const models = writeModelFixtures(dir);
const many = 3000;
const tagged = writeTemp(dir, 'tagged.conll', 'the O\ncat B-PER\nsat O\n\n'.repeat(many));
const plain = writeTemp(dir, 'plain.txt', 'the cat sat on the mat\n'.repeat(many));
const texts = writeTemp(dir, 'texts.txt', 'the good film\n'.repeat(many));
const rows = writeTemp(dir, 'rows.csv', 'x1,x2\n' + '0.5,-1.25\n'.repeat(many));
const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);
const vectors = writeTemp(dir, 'vectors.txt', `${vocabulary.length} 2\n` + vocabulary.map((w, i) => `${w} ${Math.cos(i)} ${Math.sin(i)}`).join('\n') + '\n');

/** Each command that prints a result, with arguments that make it print kilobytes. */
const RESULTS: [name: string, args: string[]][] = [
  ['tagger predict', ['tagger', 'predict', '--model', models.tagger, '--data', tagged]],
  ['tagger predict --json', ['tagger', 'predict', '--model', models.tagger, '--data', tagged, '--json']],
  ['tagger tag', ['tagger', 'tag', '--model', models.tagger, '--data', plain]],
  ['classify predict', ['classify', 'predict', '--model', models.fasttext, '--data', texts]],
  ['predict', ['predict', '--model', models.tabular, '--data', rows]],
  ['similar', ['similar', vectors, 'w0', '--topn', '399']],
];

/** Runs the CLI with its standard output on a file, under a file-size limit of `blocks` blocks (512 or 1024 bytes). */
function limited(args: string[], out: string, blocks = 1): { status: number | null; signal: string | null; stderr: string } {
  const r = spawnSync('sh', ['-c', `ulimit -f ${blocks}; exec "$@" > "$LEXNET_TEST_OUT"`, 'sh', process.execPath, CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, LEXNET_DEBUG: '', LEXNET_TEST_OUT: out },
  });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

test('results cut short by a file-size limit exit 1 with "standard output: file too large", never 0', () => {
  for (const [name, args] of RESULTS) {
    const full = lexnet(args);
    assert.equal(full.status, 0, `${name}: ${full.stderr}`);
    assert.ok(full.stdout.length > 4000, `${name} prints ${full.stdout.length} bytes, too few for the test`);
    const out = join(dir, `${name.replace(/\W+/g, '-')}.out`);
    const r = limited(args, out);
    assert.equal(r.signal, null, `${name} was killed by ${r.signal}`);
    assert.equal(r.status, 1, `${name} exited ${r.status} with ${readFileSync(out).length} of ${full.stdout.length} bytes written\n${r.stderr}`);
    assert.equal(r.stderr, 'lexnet: standard output: file too large\n', name);
    assert.ok(readFileSync(out).length < full.stdout.length, name);
  }
});

test('a result shorter than the file-size limit is written whole (fit --json): the limit alone is no failure', () => {
  const table = writeTemp(dir, 'train.csv', 'y,x1,x2\n' + Array.from({ length: 40 }, (_, i) => `${i % 2},${i % 2 ? 1 : -1},${(i % 5) / 10}`).join('\n') + '\n');
  const r = limited(['fit', '--train', table, '--label-column', 'y', '--kind', 'logistic', '--epochs', '2', '--json'], join(dir, 'fit.out'));
  assert.equal(r.status, 0, r.stderr);
  assert.ok(JSON.parse(readFileSync(join(dir, 'fit.out'), 'utf8')));
});

/** Runs the CLI with its standard output on a pipe that the reader closes after the first chunk. */
function closedEarly(args: string[]): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LEXNET_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (status, signal) => done({ status, signal, stderr }));
  });
}

test('a reader that closes the pipe early ends the command quietly (status 141, as SIGPIPE would), no stack trace', async () => {
  const bigText = writeTemp(dir, 'big-plain.txt', 'the cat sat on the mat and the cat sat on the mat again\n'.repeat(20_000));
  const bigTexts = writeTemp(dir, 'big-texts.txt', 'the good film that was good and then not so good at all\n'.repeat(20_000));
  const cases: [string, string[]][] = [
    ...RESULTS,
    ['tagger tag (long)', ['tagger', 'tag', '--model', models.tagger, '--data', bigText]],
    ['classify predict --probabilities (long)', ['classify', 'predict', '--model', models.fasttext, '--data', bigTexts, '--probabilities']],
  ];
  for (const [name, args] of cases) {
    const r = await closedEarly(args);
    assert.equal(r.stderr, '', `${name} printed on standard error`);
    assert.equal(r.signal, null, name);
    assert.ok(r.status === 0 || r.status === 141, `${name} exited ${r.status}`);
    if (name.endsWith('(long)')) assert.equal(r.status, 141, `${name}: the output was longer than the pipe holds`);
  }
});

test('--quiet never removes the result: predictions, neighbours, answers, eval reports and --json objects are printed', () => {
  const analogy = ['analogy', vectors, 'w0', 'w1', 'w2', '--topn', '3'];
  for (const [name, args] of [...RESULTS, ['analogy', analogy], ['analogy --json', [...analogy, '--json']]] as [string, string[]][]) {
    const plainRun = lexnet(args), quiet = lexnet([...args, '--quiet']);
    assert.equal(quiet.status, 0, `${name}: ${quiet.stderr}`);
    assert.ok(plainRun.stdout.length > 0, name);
    assert.equal(quiet.stdout, plainRun.stdout, `${name} --quiet`);
  }
  const table = writeTemp(dir, 'quiet.csv', 'y,x1,x2\n' + Array.from({ length: 40 }, (_, i) => `${i % 2},${i % 2 ? 1 : -1},${(i % 5) / 10}`).join('\n') + '\n');
  const fit = lexnet(['fit', '--train', table, '--label-column', 'y', '--kind', 'logistic', '--epochs', '2', '--json', '--quiet']);
  assert.equal(fit.status, 0, fit.stderr);
  assert.equal(fit.stderr, '');
  assert.equal(typeof (JSON.parse(fit.stdout) as { accuracy: number }).accuracy, 'number');
  // a training summary is not a result: --quiet silences it
  const summary = lexnet(['fit', '--train', table, '--label-column', 'y', '--kind', 'logistic', '--epochs', '2', '--quiet']);
  assert.equal(summary.status, 0, summary.stderr);
  assert.equal(summary.stdout + summary.stderr, '');
  // an evaluation's report is its result
  const ev = lexnet(['tagger', 'eval', '--model', models.tagger, '--data', tagged, '--quiet']);
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stdout, /accuracy/);
});

test('word2vec --out - reports output cut short the same way, and ends quietly when the reader goes', async () => {
  const corpus = writeTemp(dir, 'corpus.txt', Array.from({ length: 200 }, (_, i) => vocabulary.slice(i % 50, (i % 50) + 12).join(' ')).join('\n') + '\n');
  const args = ['word2vec', '--corpus', corpus, '--out', '-', '--min-count', '1', '--epochs', '1', '--dim', '100', '--threads', '1', '--show', '', '--quiet'];
  // room for the encoded corpus (a temporary file of about 10 kB), not for the 50 vectors
  const r = limited(args, join(dir, 'w2v.out'), 30);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, 'lexnet: standard output: file too large\n');
  const p = await closedEarly(args);
  assert.equal(p.stderr, '');
  assert.ok(p.status === 0 || p.status === 141, `exited ${p.status}`);
});

test('warnings cut short on standard error make the status 1; the result on standard output is whole', () => {
  const blank = writeTemp(dir, 'blank.txt', 'the cat\n\n'.repeat(500));
  const args = ['tagger', 'tag', '--model', models.tagger, '--data', blank];
  const full = lexnet(args);
  assert.equal(full.status, 0, full.stderr);
  assert.ok(full.stderr.length > 4000, `${full.stderr.length} bytes of warnings, too few for the test`);
  const err = join(dir, 'warnings.err');
  const r = spawnSync('sh', ['-c', 'ulimit -f 1; exec "$@" 2> "$LEXNET_TEST_ERR"', 'sh', process.execPath, CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, LEXNET_DEBUG: '', LEXNET_TEST_ERR: err },
  });
  assert.equal(r.signal, null);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, full.stdout);
  assert.ok(readFileSync(err).length < full.stderr.length);
});
