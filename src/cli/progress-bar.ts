import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../train/progress-event.js';
import { report } from './stdout.js';

export interface ProgressBarOptions {
  quiet?: boolean;
  /** Where the bar draws; default process.stderr. */
  stream?: NodeJS.WriteStream;
}

/** Steps of the bar: fractions are shown to 0.1%. */
const STEPS = 1000;

/**
 * The CLI's terminal progress bar (cli-progress), drawn from the library's progress events. It
 * draws only on a TTY and never with `quiet`, so piped output and CI logs stay clean. Lines
 * printed while it runs go through `log`, which prints them above the bar.
 */
export class ProgressBar {
  private readonly bar: cliProgress.SingleBar | null;
  private readonly stream: NodeJS.WriteStream;
  private stopped = false;
  private readonly started = performance.now();

  constructor({ quiet = false, stream = process.stderr }: ProgressBarOptions = {}) {
    this.stream = stream;
    if (quiet || !stream.isTTY) {
      this.bar = null;
      return;
    }
    // a terminal gone (EIO) must not end the command with a stack trace: the bar is not its result
    stream.on('error', () => {});
    this.bar = new cliProgress.SingleBar(
      { format: '{bar} {percentage}% | {info} | ETA {left}', stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50, fps: 10, forceRedraw: true },
      cliProgress.Presets.shades_classic,
    );
    // every placeholder has its value from the first frame on
    this.bar.start(STEPS, 0, { info: 'starting', left: '-' });
  }

  get active(): boolean {
    return this.bar !== null && !this.stopped;
  }

  /** Shows an event: fraction, epoch, loss, speed, learning rate, dev score, λ. */
  update(e: ProgressEvent): void {
    if (!this.active) return;
    const fraction = Math.min(1, Math.max(0, e.fraction));
    this.bar!.update(Math.round(STEPS * fraction), { info: describe(e), left: eta((performance.now() - this.started) / 1000, fraction) });
  }

  /**
   * Prints a line above the bar, which is drawn again below it. By default the line goes through
   * report (standard output, or standard error when an output is `-`; nothing with --quiet).
   */
  log(line: string, print: (line: string) => void = report): void {
    if (!this.active) {
      print(line);
      return;
    }
    this.stream.write('\r\x1b[2K');
    print(line);
    // the bar now starts on the next line: save that position, which the bar restores when it stops
    this.stream.write('\x1b7');
    this.bar!.render();
  }

  stop(): void {
    if (!this.active) return;
    this.stopped = true;
    this.bar!.stop();
  }
}

/** Time left at the pace so far, e.g. `1m05s`; `-` until 1% is done. */
export function eta(seconds: number, fraction: number): string {
  if (fraction >= 1) return '0s';
  if (fraction < 0.01) return '-';
  const left = Math.round((seconds * (1 - fraction)) / fraction);
  const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** The bar's text for one event, e.g. `epoch 2/5 | loss 2.3012 | 512,000 words/s | lr 0.01500`. */
export function describe(e: ProgressEvent): string {
  if (e.stage === 'vocabulary') {
    return e.vocabularySize !== undefined
      ? `vocabulary: ${e.vocabularySize.toLocaleString('en-US')} words`
      : `reading: ${(e.tokens ?? 0).toLocaleString('en-US')} tokens`;
  }
  if (e.task === 'quantize') return `sub-quantizer ${e.epoch}/${e.epochs}`;
  const parts: string[] = [];
  if (e.points !== undefined && e.point !== undefined) parts.push(`λ ${e.l2} (${e.point + 1}/${e.points})`);
  if (e.trial !== undefined) parts.push(`trial ${e.trial}${e.bestScore !== undefined && e.bestScore !== null ? ` (best ${(100 * e.bestScore).toFixed(2)})` : ''}`);
  parts.push(`epoch ${Math.max(e.epoch, 1)}/${e.epochs}`);
  parts.push(`loss ${e.loss === null ? '-' : e.loss.toFixed(4)}`);
  const speed = (v: number | undefined, unit: string): void => { if (v !== undefined && Number.isFinite(v)) parts.push(`${Math.round(v).toLocaleString('en-US')} ${unit}/s`); };
  speed(e.wordsPerSecond, 'words');
  speed(e.tokensPerSecond, 'tokens');
  speed(e.examplesPerSecond, 'ex');
  if (e.learningRate !== undefined) parts.push(`lr ${e.learningRate.toPrecision(3)}`);
  if (e.validationLoss !== undefined && e.validationLoss !== null) parts.push(`val ${e.validationLoss.toFixed(4)}`);
  if (e.devScore !== undefined && e.devScore !== null) parts.push(`dev ${(100 * e.devScore).toFixed(2)}`);
  return parts.join(' | ');
}
