import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { LexnetError } from '../src/io/errors.js';
import { registerClassify } from '../src/cli/classify-command.js';
import { registerFit } from '../src/cli/fit-command.js';
import { registerPredict } from '../src/cli/predict-command.js';
import { registerTagger } from '../src/cli/tagger-command.js';
import { registerVectorCommands } from '../src/cli/vectors-command.js';
import { registerWord2vec } from '../src/cli/word2vec-command.js';
import { floatIn, intIn, l2OrSweep, oddIntIn } from '../src/cli/options.js';
import { lexnet } from './cli.js';

/** The CLI's commands in a fresh program (commander keeps parsed values on its commands). */
function program(): Command {
  const p = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  for (const register of [registerFit, registerPredict, registerWord2vec, registerVectorCommands, registerTagger, registerClassify]) register(p);
  return p;
}

/** Every case is refused by the option's parser, before any file is read. */
const cases: [string, RegExp][] = [
  ['fit --train x --lr 0', /^--lr must be > 0, got 0$/],
  ['fit --train x --lr -1', /^--lr must be > 0, got -1$/],
  ['fit --train x --lr NaN', /^--lr must be a number > 0, got "NaN"$/],
  ['fit --train x --lr Infinity', /^--lr must be a number > 0, got "Infinity"$/],
  ['fit --train x --l2 -1e-4', /^--l2 must be ≥ 0, got -1e-4$/],
  ['fit --train x --momentum 1', /^--momentum must be in \[0, 1\), got 1$/],
  ['fit --train x --momentum -0.5', /^--momentum must be in \[0, 1\), got -0.5$/],
  ['fit --train x --validation-split 1', /^--validation-split must be in \[0, 1\), got 1$/],
  ['fit --train x --validation-split -0.1', /^--validation-split must be in \[0, 1\), got -0.1$/],
  ['fit --train x --test-split 0', /^--test-split must be in \(0, 1\), got 0$/],
  ['fit --train x --test-split 1', /^--test-split must be in \(0, 1\), got 1$/],
  ['fit --train x --patience -1', /^--patience must be a whole number ≥ 0, got -1$/],
  ['fit --train x --epochs 0', /^--epochs must be a whole number in \[1, 100000\], got 0$/],
  ['fit --train x --epochs 1e9', /^--epochs must be a whole number in \[1, 100000\], got 1e9$/],
  ['fit --train x --hidden 100,0', /^--hidden must be a whole number in \[1, 100000\], got 0$/],
  ['fit --train x --batch-size 0', /^--batch-size must be a whole number in \[1, 1000000\], got 0$/],
  ['fit --train x --seed -1', /^--seed must be a whole number in \[0, 4294967295\], got -1$/],
  ['fit --train x --model tree', /^--model must be one of logistic, softmax, mlp, regressor, linear, got "tree"$/],
  ['word2vec --alpha 0', /^--alpha must be > 0, got 0$/],
  ['word2vec --sample -1e-3', /^--sample must be in \[0, 1\], got -1e-3$/],
  ['word2vec --sample 1.5', /^--sample must be in \[0, 1\], got 1.5$/],
  ['word2vec --dim 0', /^--dim must be a whole number in \[1, 100000\], got 0$/],
  ['word2vec --dim 1000000', /^--dim must be a whole number in \[1, 100000\], got 1000000$/],
  ['word2vec --window 5000', /^--window must be a whole number in \[1, 1000\], got 5000$/],
  ['word2vec --negative 100000', /^--negative must be a whole number in \[0, 1000\], got 100000$/],
  ['word2vec --threads 0', /^--threads must be a whole number in \[1, 256\], got 0$/],
  ['word2vec --threads 100000', /^--threads must be a whole number in \[1, 256\], got 100000$/],
  ['word2vec --epochs 0', /^--epochs must be a whole number in \[1, 100000\], got 0$/],
  ['word2vec --min-count 0', /^--min-count must be a whole number in \[1, 2147483647\], got 0$/],
  ['tagger train --train x --dropout 1', /^--dropout must be in \[0, 1\), got 1$/],
  ['tagger train --train x --dropout 1.5', /^--dropout must be in \[0, 1\), got 1.5$/],
  ['tagger train --train x --window 4', /^--window must be odd .*got 4$/],
  ['tagger train --train x --window 101', /^--window must be a whole number in \[1, 99\], got 101$/],
  ['tagger train --train x --hidden 30', /^--hidden must be a multiple of 4 .*got 30$/],
  ['tagger train --train x --hidden 1000000', /^--hidden must be a whole number in \[4, 100000\], got 1000000$/],
  ['tagger train --train x --batch-size 257', /^--batch-size must be a whole number in \[1, 256\], got 257$/],
  ['tagger train --train x --lr 0', /^--lr must be > 0, got 0$/],
  ['tagger train --train x --l2 -1', /^--l2 must be ≥ 0, got -1$/],
  ['tagger train --train x --dim 20000', /^--dim must be a whole number in \[1, 10000\], got 20000$/],
  ['tagger train --train x --caps-dim 0', /^--caps-dim must be a whole number in \[1, 10000\], got 0$/],
  ['tagger train --train x --affix-dim 0', /^--affix-dim must be a whole number in \[1, 10000\], got 0$/],
  ['tagger train --train x --threads 257', /^--threads must be a whole number in \[1, 256\], got 257$/],
  ['tagger train --train x --patience -2', /^--patience must be a whole number ≥ 0, got -2$/],
  ['tagger train --train x --epochs 0', /^--epochs must be a whole number in \[1, 100000\], got 0$/],
  ['tagger eval --model m --data d --tag-column x', /^--tag-column must be a whole number, got "x"$/],
  ['classify train --train x --l2 -1', /^--l2 must be a number ≥ 0 or "sweep", got "-1"$/],
  ['classify train --train x --l2 lots', /^--l2 must be a number ≥ 0 or "sweep", got "lots"$/],
  ['classify train --train x --dropout 1', /^--dropout must be in \[0, 1\), got 1$/],
  ['classify train --train x --lr 0', /^--lr must be > 0, got 0$/],
  ['classify train --train x --epochs 0', /^--epochs must be a whole number in \[1, 100000\], got 0$/],
  ['classify train --train x --dim 0', /^--dim must be a whole number in \[1, 10000\], got 0$/],
  ['classify train --train x --hidden 0', /^--hidden must be a whole number in \[1, 100000\], got 0$/],
  ['classify train --train x --pretrained-words -1', /^--pretrained-words must be a whole number ≥ 0, got -1$/],
  ['similar f w --topn 0', /^--topn must be a whole number ≥ 1, got 0$/],
  ['analogy f a b c --topn 0', /^--topn must be a whole number ≥ 1, got 0$/],
  ['eval-vectors f --restrict 0', /^--restrict must be a whole number ≥ 1, got 0$/],
];

test('every option is checked at parse time, and the message names the option and its range', async () => {
  for (const [args, message] of cases) {
    await assert.rejects(program().parseAsync(args.split(' '), { from: 'user' }), (e: unknown) => {
      assert.ok(e instanceof LexnetError, `${args}: ${String(e)}`);
      assert.match(e.message, message, args);
      return true;
    });
  }
});

test('valid edge values pass the parsers', () => {
  assert.equal(floatIn(0, 1, { maxOpen: true }).call(undefined, '0'), 0);
  assert.equal(floatIn(0, Infinity, { minOpen: true }).call(undefined, '1e-9'), 1e-9);
  assert.equal(intIn(1, 256).call(undefined, '256'), 256);
  assert.equal(oddIntIn(1, 99).call(undefined, '99'), 99);
  assert.equal(l2OrSweep.call(undefined, 'sweep'), 'sweep');
  assert.equal(l2OrSweep.call(undefined, '0'), 0);
  assert.throws(() => intIn(1, 10).call(undefined, '2.5'), /must be a whole number in \[1, 10\], got "2.5"/);
});

test('the CLI prints the range error as `lexnet: …` with exit status 2 (a usage error)', () => {
  const r = lexnet(['tagger', 'train', '--train', 'x', '--dropout', '1.5']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'lexnet: --dropout must be in [0, 1), got 1.5\n');
});
