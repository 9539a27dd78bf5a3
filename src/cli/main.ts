#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { LexnetError } from '../io/errors.js';
import { removeAllTemporaries } from '../io/temp-files.js';
import { registerFit } from './fit-command.js';
import { registerPredict } from './predict-command.js';
import { registerWord2vec } from './word2vec-command.js';
import { registerVectorCommands } from './vectors-command.js';
import { registerTagger } from './tagger-command.js';
import { registerClassify } from './classify-command.js';
import { installOptionChecks } from './option-checks.js';
import { packageVersion } from './version.js';

const program = new Command();
program
  .name('lexnet')
  .description('Neural networks for language, from the classic backpropagation derivations.')
  .version(packageVersion())
  .exitOverride()
  // commander's own errors (unknown option, missing argument) in the CLI's `lexnet: problem` form
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'lexnet: ')) });
installOptionChecks(program);
registerFit(program);
registerPredict(program);
registerWord2vec(program);
registerVectorCommands(program);
registerTagger(program);
registerClassify(program);

// Temporary files go on every exit path: normal ends and errors remove their own, this catches
// the rest. A signal removes them and ends the process (worker threads included) with 128 + n.
process.on('exit', removeAllTemporaries);
for (const [signal, status] of [['SIGHUP', 129], ['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    removeAllTemporaries();
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\n'); // the progress bar hides the cursor
    process.stderr.write(`lexnet: stopped by ${signal}\n`);
    process.exit(status);
  });
}

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
