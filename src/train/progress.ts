import cliProgress from 'cli-progress';

export interface ProgressOptions {
  quiet?: boolean;
  /** Where the bar draws; default process.stderr. */
  stream?: NodeJS.WriteStream;
}

/**
 * A terminal progress bar (cli-progress) that draws only on a TTY and never with `quiet`,
 * so piped output and CI logs stay clean.
 */
export class Progress {
  private readonly bar: cliProgress.SingleBar | null;

  constructor(total: number, format: string, { quiet = false, stream = process.stderr }: ProgressOptions = {}) {
    if (quiet || !stream.isTTY) {
      this.bar = null;
      return;
    }
    this.bar = new cliProgress.SingleBar(
      { format, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50, fps: 10 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, {});
  }

  get active(): boolean {
    return this.bar !== null;
  }

  update(value: number, payload: Record<string, unknown>): void {
    this.bar?.update(value, payload);
  }

  stop(): void {
    this.bar?.stop();
  }
}
