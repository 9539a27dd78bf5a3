// Headless Chromium for the browser tests and the browser benchmark, through playwright-core with
// the system's browser (Debian's chromium; LEXNET_CHROMIUM overrides the path). No browser download.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium executable: LEXNET_CHROMIUM, else /usr/bin/chromium; null when there is none. */
export function chromiumPath(): string | null {
  const p = process.env['LEXNET_CHROMIUM'] ?? '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

/** Launches headless Chromium (throws when chromiumPath() is null). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: install it (apt-get install chromium) or set LEXNET_CHROMIUM');
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
}
