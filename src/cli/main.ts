#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { LexnetError } from '../io/errors.js';
import { registerFit } from './fit-command.js';
import { registerPredict } from './predict-command.js';
import { registerWord2vec } from './word2vec-command.js';
import { registerVectorCommands } from './vectors-command.js';
import { registerTagger } from './tagger-command.js';
import { registerClassify } from './classify-command.js';

const program = new Command();
program
  .name('lexnet')
  .description('Neural networks for language, from the classic backpropagation derivations.')
  .version('0.1.0')
  .exitOverride();
registerFit(program);
registerPredict(program);
registerWord2vec(program);
registerVectorCommands(program);
registerTagger(program);
registerClassify(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof LexnetError) {
    process.stderr.write(`lexnet: ${e.message}\n`);
    process.exit(1);
  }
  const err = e as Error;
  process.stderr.write(`lexnet: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.LEXNET_DEBUG) process.stderr.write(`${err?.stack}\n`);
  else process.stderr.write('(set LEXNET_DEBUG=1 for the stack trace, and please report it)\n');
  process.exit(2);
}
