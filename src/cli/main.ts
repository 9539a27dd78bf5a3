#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { LexnetError } from '../io/errors.js';
import { removeAllTemporaries } from '../io/temp-files.js';
import { installOptionChecks } from './option-checks.js';
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE, UsageError } from './usage-error.js';
import { cliMessage } from './option-flags.js';
import { packageVersion } from './version.js';
import { EXIT_CLOSED_PIPE, writeStderr, writeStdout } from './standard-streams.js';
import { ClosedPipeError } from '../io/write-errors.js';

const program = new Command();
program
  .name('lexnet')
  .description('Neural networks for language, from the classic backpropagation derivations.')
  .version(packageVersion())
  .exitOverride()
  // commander's own errors (unknown option, missing argument) in the CLI's `lexnet: problem` form;
  // help and errors written and checked as all output is
  .configureOutput({
    writeOut: writeStdout, writeErr: writeStderr,
    outputError: (text, write) => write(text.replace(/^error: /, 'lexnet: ')),
  });
installOptionChecks(program);
/** The running command (`word2vec`, `tagger train`…), to put its flags in library errors. */
let running = '';
program.hook('preAction', (_, action) => { running = action.parent && action.parent !== program ? `${action.parent.name()} ${action.name()}` : action.name(); });
/** The commands, each loaded only when it runs (or for help): a run imports just its own modules. */
const COMMANDS: [names: string[], load: () => Promise<(p: Command) => void>][] = [
  [['fit'], async () => (await import('./fit-command.js')).registerFit],
  [['predict'], async () => (await import('./predict-command.js')).registerPredict],
  [['word2vec'], async () => (await import('./word2vec-command.js')).registerWord2vec],
  [['similar', 'analogy', 'eval-vectors', 'lookup'], async () => (await import('./vectors-command.js')).registerVectorCommands],
  [['tagger'], async () => (await import('./tagger-command.js')).registerTagger],
  [['classify'], async () => (await import('./classify-command.js')).registerClassify],
  [['plot'], async () => (await import('./plot-command.js')).registerPlot],
  [['queue'], async () => (await import('./queue-command.js')).registerQueue],
];
const named = COMMANDS.find(([names]) => names.includes(process.argv[2] ?? ''));
// `lexnet --version` needs none (every command's modules are ~20 MB more memory and its start-up time)
const versionOnly = process.argv.length === 3 && ['--version', '-V'].includes(process.argv[2]!);
for (const [, load] of named ? [named] : versionOnly ? [] : COMMANDS) (await load())(program);

// Temporary files go on every exit path: normal ends and errors remove their own, this catches
// the rest. A signal removes them and ends the process (worker threads included) with 128 + n.
process.on('exit', removeAllTemporaries);
for (const [signal, status] of [['SIGHUP', 129], ['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    removeAllTemporaries();
    if (process.stderr.isTTY) writeStderr('\x1b[?25h\n'); // the progress bar hides the cursor
    writeStderr(`lexnet: stopped by ${signal}\n`);
    process.exit(status);
  });
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // exit statuses: 0 help and --version, 2 usage errors, 1 input errors (and output cut short),
  // 141 standard output's reader gone, 70 internal errors (bugs)
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
  // the reader of standard output is gone (`| head`): end quietly, as SIGPIPE would
  if (e instanceof ClosedPipeError) process.exit(EXIT_CLOSED_PIPE);
  if (e instanceof LexnetError) {
    writeStderr(`lexnet: ${cliMessage(e, running)}\n`);
    process.exit(e instanceof UsageError ? EXIT_USAGE : EXIT_INPUT);
  }
  const err = e as Error;
  writeStderr(`lexnet: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.LEXNET_DEBUG) writeStderr(`${err?.stack}\n`);
  else writeStderr('(set LEXNET_DEBUG=1 for the stack trace, and please report it)\n');
  process.exit(EXIT_INTERNAL);
}
