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
import { registerPlot } from './plot-command.js';
import { installOptionChecks } from './option-checks.js';
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE, UsageError } from './usage-error.js';
import { cliMessage } from './option-flags.js';
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
/** The running command (`word2vec`, `tagger train`…), to put its flags in library errors. */
let running = '';
program.hook('preAction', (_, action) => { running = action.parent && action.parent !== program ? `${action.parent.name()} ${action.name()}` : action.name(); });
registerFit(program);
registerPredict(program);
registerWord2vec(program);
registerVectorCommands(program);
registerTagger(program);
registerClassify(program);
registerPlot(program);

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
  // exit statuses: 0 help and --version, 2 usage errors, 1 input errors, 70 internal errors (bugs)
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
  if (e instanceof LexnetError) {
    process.stderr.write(`lexnet: ${cliMessage(e, running)}\n`);
    process.exit(e instanceof UsageError ? EXIT_USAGE : EXIT_INPUT);
  }
  const err = e as Error;
  process.stderr.write(`lexnet: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.LEXNET_DEBUG) process.stderr.write(`${err?.stack}\n`);
  else process.stderr.write('(set LEXNET_DEBUG=1 for the stack trace, and please report it)\n');
  process.exit(EXIT_INTERNAL);
}
