// Issue 13, Reference: README's command table (the code block of "## Command line") matches
// `lexnet … --help`: every flag it writes is an option of that command, every visible option and
// every command is in it. Deprecated spellings are hidden from --help, so they fail the first check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexnet } from './cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The indented lines of a section (`Options:`, `Commands:`) of a help text. */
function helpSection(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** `lexnet <args> --help`, which must succeed. */
function help(args: string[]): string {
  const r = lexnet([...args, '--help']);
  assert.equal(r.status, 0, `lexnet ${args.join(' ')} --help: ${r.stderr}`);
  return r.stdout;
}

/** Names in the Commands section (entries start two spaces in; wrapped descriptions further), without `help`. */
function commandNames(text: string): string[] {
  return helpSection(text, 'Commands').flatMap((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1] ?? []).filter((c) => c !== 'help');
}

/** Long options in the Options section, without --help. Wrapped description lines are indented further. */
function optionNames(text: string): string[] {
  return helpSection(text, 'Options').flatMap((line) => /^ {2}(?:-\w, )?(--[a-z][\w-]*)/.exec(line)?.[1] ?? []).filter((o) => o !== '--help');
}

/** Every leaf command (`fit`, `tagger train`, …) and the options its --help lists. */
function cliCommands(): Map<string, string[]> {
  const commands = new Map<string, string[]>();
  for (const name of commandNames(help([]))) {
    const text = help([name]);
    const subcommands = commandNames(text);
    if (subcommands.length === 0) commands.set(name, optionNames(text));
    for (const sub of subcommands) commands.set(`${name} ${sub}`, optionNames(help([name, sub])));
  }
  return commands;
}

/** The usage entries of README's "## Command line" code block: a `lexnet …` line and its indented continuation lines, comments cut. */
function readmeEntries(): { text: string; words: string[] }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Command line\n'));
  const block = /```\w*\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block !== undefined, 'README.md has a code block under "## Command line"');
  const entries: { text: string; words: string[] }[] = [];
  let current: string[] | undefined;
  for (const raw of block.split('\n')) {
    const line = raw.replace(/(^|\s)#(\s.*)?$/, '').trimEnd();
    if (/^lexnet\s/.test(line)) {
      current = [line];
      entries.push({ text: '', words: line.split(/\s+/).slice(1) });
    } else if (current && /^\s+\S/.test(line)) {
      current.push(line);
    } else {
      current = undefined;
      continue;
    }
    entries.at(-1)!.text = current.join('\n');
  }
  return entries;
}

const FLAG = /(?<![\w-])--[a-z][\w-]*/g;

test('README\'s "## Command line" block has one entry per command, with exactly the options of its --help', () => {
  const commands = cliCommands();
  assert.ok(commands.size >= 10, `only ${commands.size} commands found in --help`);
  assert.ok(commands.get('fit')?.includes('--out'), 'the help parser finds the options of `lexnet fit`');
  const subcommandParents = new Set([...commands.keys()].filter((c) => c.includes(' ')).map((c) => c.split(' ')[0]!));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const entry of readmeEntries()) {
    const [first = '', second = ''] = entry.words;
    const name = subcommandParents.has(first) ? `${first} ${second}` : first;
    const options = commands.get(name);
    if (!options) {
      problems.push(`README has \`lexnet ${name}\`, which \`lexnet --help\` does not list`);
      continue;
    }
    if (seen.has(name)) problems.push(`README has two entries for \`lexnet ${name}\``);
    seen.add(name);
    const written = new Set(entry.text.match(FLAG) ?? []);
    for (const flag of written) {
      if (!options.includes(flag)) problems.push(`README's \`lexnet ${name}\` has ${flag}, which is not an option in \`lexnet ${name} --help\` (renamed, deprecated or removed?)`);
    }
    for (const option of options) {
      if (!written.has(option)) problems.push(`README's \`lexnet ${name}\` lacks ${option} (listed by \`lexnet ${name} --help\`)`);
    }
  }
  for (const name of commands.keys()) {
    if (!seen.has(name)) problems.push(`README has no entry for \`lexnet ${name}\``);
  }
  assert.deepEqual(problems, []);
});

test('deprecated spellings (fit --save, --model KIND) are hidden from --help, so the README check rejects them', () => {
  const fit = help(['fit']);
  assert.ok(!/--save\b/.test(fit) && !/--model\b/.test(fit), fit);
});
