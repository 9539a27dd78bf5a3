// Headless Chromium for the playground's tests and the browser benchmark, through playwright-core
// with the system's browser (Debian's chromium; LEXNET_CHROMIUM overrides the path). No browser download.
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './browser-page.js';

/** Launches headless Chromium (throws when chromiumPath() is null). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: install it (apt-get install chromium) or set LEXNET_CHROMIUM');
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}
