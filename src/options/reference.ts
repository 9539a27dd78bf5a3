import { describe, type OptionDeclaration, type OptionSpec } from './declare.js';

/** A default as the reference prints it. */
function defaultText(spec: OptionSpec): string {
  const d = spec.default;
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (d === undefined) return '';
  if (Array.isArray(d)) return `\`[${d.join(', ')}]\``;
  return `\`${typeof d === 'string' ? JSON.stringify(d) : String(d)}\``;
}

/** One table cell: pipes escaped, no line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The options of functions as Markdown, one table per function (option, type and range,
 * default, doc), generated from their declarations; nested objects get a table of their own.
 */
export function optionsReference(sections: readonly { title: string; intro?: string; options: OptionDeclaration }[]): string {
  const out: string[] = [];
  const table = (title: string, intro: string | undefined, options: OptionDeclaration): void => {
    out.push(`## ${title}`, '');
    if (intro) out.push(intro, '');
    out.push('| option | value | default | |', '| --- | --- | --- | --- |');
    const nested: [string, OptionDeclaration][] = [];
    for (const [name, spec] of Object.entries(options)) {
      out.push(`| \`${name}\` | ${cell(spec.type === 'nested' ? 'an object of options (below)' : describe(spec))} | ${cell(defaultText(spec))} | ${cell(spec.doc)} |`);
      if (spec.type === 'nested') nested.push([name, spec.options]);
    }
    out.push('');
    for (const [name, inner] of nested) table(`${title}: \`${name}\``, undefined, inner);
  };
  for (const s of sections) table(s.title, s.intro, s.options);
  return out.join('\n');
}
