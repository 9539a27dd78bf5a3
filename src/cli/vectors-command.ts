import type { Command } from 'commander';
import { addJsonlOptions, maybeRunJsonl, type JsonlFlags } from './jsonl-options.js';
import { readVectors } from '../io/vector-file.js';
import { evaluateAnalogies, evaluateSimilarity } from '../word2vec/evaluate.js';
import { analogyCosAdd, analogyCosMul, mostSimilar } from './ranked.js';
import { oneOf, positiveInt } from './options.js';
import { printResult, report } from './stdout.js';

export function registerVectorCommands(program: Command): void {
  program
    .command('similar')
    .description('nearest neighbours of a word by cosine similarity')
    .argument('<file>', 'vectors (word2vec or fastText .bin, .txt, .vec, .gz of those, - for standard input)')
    .argument('<word>')
    .option('--topn <n>', 'how many', positiveInt, 10)
    .option('--limit <n>', 'read only the first N vectors of the file (the most frequent words come first)', positiveInt)
    .option('--json', 'print one JSON object: the neighbours as {word, similarity} in "neighbours"', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .action((file: string, word: string, f: { topn: number; limit?: number; json: boolean }) => {
      const v = readVectors(file, { limit: f.limit, subwordRows: 'auto' });
      const found = mostSimilar(v, [word], [], { topn: f.topn }, file);
      if (f.json) printResult(JSON.stringify({ vectors: file, word, neighbours: found.map((n) => ({ word: n.word, similarity: n.similarity })) }));
      else if (found.length) printResult(found.map((n) => `${n.word}\t${n.similarity.toFixed(4)}`).join('\n'));
    });

  addJsonlOptions(program
    .command('lookup')
    .description('the vectors of words: reads JSON Lines {"id": …, "word": …} and prints {"id": …, "word": …, "vector": [numbers] or null} per line')
    .argument('<file>', 'vectors (.bin, .txt, .vec, .gz of those; each thread reads its own copy)')
    .option('--data <file>', 'the JSON Lines to read (- for standard input)', '-')
    .option('--limit <n>', 'read only the first N vectors of the file (the most frequent words come first)', positiveInt)
    .option('--quiet', 'no progress, summaries or warnings (results are still printed)', false), ['jsonl'])
    .action(async (file: string, f: { data: string; limit?: number } & JsonlFlags, cmd: Command) => {
      await maybeRunJsonl(cmd, f, { kind: 'lookup', model: file, limit: f.limit }, f.data);
    });

  program
    .command('analogy')
    .description('"A is to B as C is to ?" (3CosAdd: B − A + C, or 3CosMul)')
    .argument('<file>', 'vectors (word2vec or fastText .bin, .txt, .vec, .gz of those, - for standard input)').argument('<a>').argument('<b>').argument('<c>')
    .option('--topn <n>', 'how many', positiveInt, 5)
    .option('--method <m>', 'add|mul', oneOf(['add', 'mul'] as const), 'add')
    .option('--limit <n>', 'read only the first N vectors of the file (the most frequent words come first)', positiveInt)
    .option('--json', 'print one JSON object: the answers as {word, similarity} in "answers"', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .action((file: string, a: string, b: string, c: string, f: { topn: number; method: 'add' | 'mul'; limit?: number; json: boolean }) => {
      const v = readVectors(file, { limit: f.limit, subwordRows: 'auto' });
      const solve = f.method === 'add' ? analogyCosAdd : analogyCosMul;
      const found = solve(v, a, b, c, { topn: f.topn }, file);
      if (f.json) printResult(JSON.stringify({ vectors: file, a, b, c, method: f.method, answers: found.map((n) => ({ word: n.word, similarity: n.similarity })) }));
      else if (found.length) printResult(found.map((n) => `${n.word}\t${n.similarity.toFixed(4)}`).join('\n'));
    });

  program
    .command('eval-vectors')
    .description('analogy accuracy (questions-words.txt format) and word-pair similarity (Spearman)')
    .argument('<file>', 'vectors (word2vec or fastText .bin, .txt, .vec, .gz of those, - for standard input)')
    .option('--analogies <file>', 'analogy questions')
    .option('--similarity <file>', 'word pairs with gold scores (WordSim-353 format)')
    .option('--restrict <n>', 'search the N most frequent words', positiveInt, 30000)
    .option('--method <m>', 'add|mul', oneOf(['add', 'mul'] as const), 'add')
    .option('--case-sensitive', 'do not lower-case words and questions', false)
    .option('--json', 'print one JSON object on the last line', false)
    .option('--quiet', 'no progress, summaries or warnings (results and --json are still printed)', false)
    .option('--limit <n>', 'read only the first N vectors of the file (the most frequent words come first)', positiveInt)
    .action((file: string, f: { analogies?: string; similarity?: string; restrict: number; method: 'add' | 'mul'; caseSensitive: boolean; json: boolean; limit?: number }) => {
      const v = readVectors(file, { limit: f.limit, subwordRows: 'auto' });
      const out: Record<string, unknown> = { vectors: file, words: v.size, ...(v.hasSubwords && { subwords: true }) };
      if (f.analogies) {
        const r = evaluateAnalogies(v, f.analogies, { restrict: f.restrict, method: f.method, caseInsensitive: !f.caseSensitive });
        out.analogy = { accuracy: r.accuracy, correct: r.correct, total: r.total, skipped: r.skipped, coverage: r.coverage, sections: r.sections };
        if (!f.json) {
          printResult(`analogies (3Cos${f.method === 'add' ? 'Add' : 'Mul'}, ${f.restrict} most frequent words):`);
          for (const s of r.sections) {
            printResult(`  ${s.section.padEnd(28)} ${s.total ? ((100 * s.correct) / s.total).toFixed(1).padStart(5) : '    -'}%  (${s.correct}/${s.total}, ${s.skipped} skipped)`);
          }
          printResult(`  ${'total'.padEnd(28)} ${(100 * r.accuracy).toFixed(1).padStart(5)}%  (${r.correct}/${r.total}, ${r.skipped} skipped with unknown words; coverage ${(100 * r.coverage).toFixed(1)}%)`);
        }
      }
      if (f.similarity) {
        const r = evaluateSimilarity(v, f.similarity, { caseInsensitive: !f.caseSensitive });
        out.similarity = r;
        if (!f.json) {
          const skipped = v.hasSubwords ? 'words outside the vocabulary from their subwords' : `${r.skipped} skipped with unknown words`;
          printResult(`similarity: Spearman ${r.spearman.toFixed(4)} over ${r.pairs} pairs (${skipped}; coverage ${(100 * r.coverage).toFixed(1)}%)`);
        }
      }
      // without a test set, say what was read rather than print nothing
      if (!f.json && !f.analogies && !f.similarity) report(`${file}: ${v.size} vectors of dimension ${v.dim}${v.hasSubwords ? ' and subwords (any word has a vector)' : ''} read (give --analogies FILE or --similarity FILE to evaluate them)`);
      if (f.json) printResult(JSON.stringify(out));
    });
}
