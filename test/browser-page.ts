// Helpers of the browser tests: a Vite build of a small page that imports lexnet (through the
// package's "browser" export, as an application would), and a static server with or without the
// cross-origin-isolation headers.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './cli.js';

/** The package root (dist/test/ is two levels down). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The Chromium the browser tests drive, or null (the tests skip, saying why). */
export function chromiumPath(): string | null {
  const path = process.env.LEXNET_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}

/**
 * Builds a page whose module script is `script` (which imports from 'lexnet') into a temporary
 * folder, with other modules next to it (`files`: name → text); returns the built folder.
 */
export async function buildPage(script: string, files: Record<string, string> = {}): Promise<string> {
  const root = tempDir();
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(PACKAGE_ROOT, join(root, 'node_modules', 'lexnet'), 'dir');
  writeFileSync(join(root, 'index.html'), '<!doctype html><meta charset="utf-8"><title>lexnet test</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>\n');
  writeFileSync(join(root, 'main.js'), script);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const { build } = await import('vite');
  const outDir = join(root, 'dist');
  await build({ root, configFile: false, logLevel: 'silent', build: { outDir, emptyOutDir: true, target: 'esnext' } });
  return outDir;
}

/**
 * Bundles `script` (an ES module importing from 'lexnet') for the browser with Vite's library
 * mode, as a bundler would for an application; returns the emitted JavaScript, every file joined.
 */
export async function bundleForBrowser(script: string): Promise<string> {
  const root = tempDir();
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(PACKAGE_ROOT, join(root, 'node_modules', 'lexnet'), 'dir');
  writeFileSync(join(root, 'entry.js'), script);
  const { build } = await import('vite');
  const outDir = join(root, 'out');
  await build({
    root, configFile: false, logLevel: 'silent',
    build: { outDir, emptyOutDir: true, target: 'esnext', minify: false, lib: { entry: join(root, 'entry.js'), formats: ['es'], fileName: 'bundle' } },
  });
  const js: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js') || p.endsWith('.mjs')) js.push(readFileSync(p, 'utf8'));
    }
  };
  walk(outDir);
  return js.join('\n');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
};

/** Serves `dir` on a free port of 127.0.0.1; `isolated` adds COOP/COEP (and CORP) headers. */
export async function serve(dir: string, isolated: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
