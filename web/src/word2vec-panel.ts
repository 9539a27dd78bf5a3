// The word2vec panel: settings, training in a dedicated worker with live progress and a loss
// curve, a Stop button, then nearest neighbours, analogies, the PCA map and downloads.
import { WordVectors, chooseWords, pcaWordMap } from 'lexnet';
import { byTestId, download, element, grouped } from './dom.js';
import { LossChart } from './loss-chart.js';
import { WordMap } from './word-map.js';
import type { CorpusSource, FromWorker, ToWorker, TrainSettings } from './word2vec-worker.js';

/** How many of the most frequent words the map shows. */
const MAP_WORDS = 300;

/** What a finished run reports (also the value of `window.lexnetBench`). */
export interface RunSummary {
  wordsPerSecond: number;
  threads: number;
  seconds: number;
  trainWords: number;
  tokens: number;
  vocabulary: number;
}

declare global {
  interface Window {
    /** Benchmark hook: trains on the built-in corpus with these settings and resolves with the run's speed. */
    lexnetBench?: (options?: Partial<TrainSettings> & { lines?: number }) => Promise<RunSummary>;
  }
}

export function setUpWord2vecPanel(params: URLSearchParams, maxThreads: number): void {
  const form = document.getElementById('w2v-form') as HTMLFormElement;
  const trainButton = byTestId<HTMLButtonElement>('train-word2vec'), stopButton = byTestId<HTMLButtonElement>('stop-word2vec');
  const progress = byTestId<HTMLProgressElement>('w2v-progress'), status = byTestId('w2v-status');
  const chart = new LossChart(byTestId<SVGSVGElement>('loss-chart'));
  const map = new WordMap(byTestId<SVGSVGElement>('word-map'), byTestId('map-tooltip'));
  const fileInput = byTestId<HTMLInputElement>('corpus-file'), drop = byTestId('drop-zone');
  const threadsInput = byTestId<HTMLInputElement>('threads');
  threadsInput.max = String(maxThreads);
  threadsInput.value = String(maxThreads);
  // settings from the URL (?dim=50&epochs=1&lines=5000…), as the tests and the benchmark use
  for (const name of ['dim', 'window', 'epochs', 'minCount', 'threads']) {
    const v = params.get(name);
    if (v !== null) (form.elements.namedItem(name) as HTMLInputElement).value = v;
  }
  const lines = params.has('lines') ? Number(params.get('lines')) : undefined;

  let file: File | null = null;
  const chooseFile = (f: File | undefined) => {
    if (!f) return;
    file = f;
    (form.elements.namedItem('corpus') as RadioNodeList).value = 'file';
    drop.textContent = `${f.name} (${grouped(f.size / 1024)} KiB)`;
  };
  fileInput.addEventListener('change', () => chooseFile(fileInput.files?.[0]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); chooseFile(e.dataTransfer?.files[0]); });
  // dropping anywhere on the page must not navigate away to the file
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  let worker: Worker | null = null;
  let vectors: WordVectors | null = null;
  let finished: ((s: RunSummary) => void) | null = null, failed: ((e: Error) => void) | null = null;

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const setRunning = (running: boolean) => {
    trainButton.disabled = running;
    stopButton.disabled = !running;
  };

  const onMessage = (m: FromWorker) => {
    if (m.type === 'status') setStatus(m.text);
    else if (m.type === 'progress') {
      const e = m.event;
      progress.value = e.fraction;
      if (e.stage === 'vocabulary') setStatus(`Counting words: ${grouped(e.tokens ?? 0)} tokens read${e.vocabularySize ? `, ${grouped(e.vocabularySize)} words kept` : ''}`);
      else if (e.stage === 'training') {
        setStatus(`Epoch ${e.epoch}/${e.epochs} · ${grouped(e.wordsPerSecond ?? 0)} words/s · loss ${e.loss?.toFixed(3) ?? '…'}`);
        if (e.loss !== null) chart.add(e.fraction, e.loss);
      }
    } else if (m.type === 'done') {
      setRunning(false);
      progress.value = 1;
      vectors = new WordVectors(m.words, m.dim, m.data);
      // the run's own record of the loss replaces the live points (a short run may have sent none)
      const epochs = Math.max(1, m.history.at(-1)?.epoch ?? 1);
      chart.clear();
      for (const h of m.history) chart.add(h.epoch / epochs, h.loss);
      const summary: RunSummary = { wordsPerSecond: m.wordsPerSecond, threads: m.threads, seconds: m.seconds, trainWords: m.trainWords, tokens: m.tokens, vocabulary: m.words.length };
      status.replaceChildren(
        `Trained ${grouped(m.words.length)} words × ${m.dim} on ${grouped(m.tokens)} tokens in ${m.seconds.toFixed(1)} s: `,
        element('strong', { 'data-testid': 'w2v-speed', 'data-value': String(m.wordsPerSecond) }, `${grouped(m.wordsPerSecond)} words/s`),
        ` with ${m.threads} thread${m.threads === 1 ? '' : 's'}, final loss ${m.finalLoss.toFixed(3)}.`,
      );
      status.classList.remove('error');
      showResults(vectors);
      finished?.(summary);
    } else if (m.type === 'encoded') {
      if (m.format === 'text') download(m.bytes, 'vectors.txt', 'text/plain');
      else download(m.bytes, 'vectors.bin', 'application/octet-stream');
    } else {
      setRunning(false);
      setStatus(m.aborted ? 'Stopped.' : `Training failed: ${m.message}`, !m.aborted);
      failed?.(new Error(m.message));
    }
  };

  const start = (settings: TrainSettings, source: CorpusSource) => {
    if (!worker) {
      worker = new Worker(new URL('./word2vec-worker.ts', import.meta.url), { type: 'module', name: 'lexnet-word2vec' });
      worker.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
      worker.addEventListener('error', (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start', aborted: false }));
    }
    setRunning(true);
    chart.clear();
    progress.value = 0;
    setStatus('Starting…');
    worker.postMessage({ type: 'train', source, settings } satisfies ToWorker);
  };

  const settingsOf = (): TrainSettings => {
    const n = (name: string) => Number((form.elements.namedItem(name) as HTMLInputElement).value);
    return { dim: n('dim'), window: n('window'), epochs: n('epochs'), minCount: n('minCount'), threads: n('threads') };
  };
  const builtIn = (n = lines): CorpusSource => ({ kind: 'url', url: new URL('brown.txt', document.baseURI).href, ...(n === undefined ? {} : { lines: n }) });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const useFile = (form.elements.namedItem('corpus') as RadioNodeList).value === 'file';
    if (useFile && !file) { setStatus('Choose or drop a text file first.', true); return; }
    start(settingsOf(), useFile ? { kind: 'file', file: file!, ...(lines === undefined ? {} : { lines }) } : builtIn());
  });
  stopButton.addEventListener('click', () => worker?.postMessage({ type: 'stop' } satisfies ToWorker));

  window.lexnetBench = (o = {}) => new Promise<RunSummary>((resolve, reject) => {
    const { lines: n, ...rest } = o;
    finished = (s) => { finished = failed = null; resolve(s); };
    failed = (e) => { finished = failed = null; reject(e); };
    start({ ...settingsOf(), ...rest }, builtIn(n));
  });

  // queries
  const neighbours = document.getElementById('neighbours-form') as HTMLFormElement;
  const analogy = document.getElementById('analogy-form') as HTMLFormElement;
  const field = (f: HTMLFormElement, name: string) => (f.elements.namedItem(name) as HTMLInputElement).value.trim().toLowerCase();
  const list = (testId: string, items: { word: string; similarity: number }[] | string) => {
    const ol = byTestId(testId);
    if (typeof items === 'string') ol.replaceChildren(element('li', { class: 'none' }, items));
    else ol.replaceChildren(...items.map((n) => element('li', {}, n.word, element('span', {}, n.similarity.toFixed(3)))));
  };
  const search = () => {
    const w = field(neighbours, 'word');
    if (!vectors || !w) return;
    list('neighbours', vectors.index.has(w) ? vectors.mostSimilar(w, { topn: 10 }) : `"${w}" is not in the vocabulary`);
  };
  const solve = () => {
    const [a, b, c] = ['a', 'b', 'c'].map((k) => field(analogy, k) || (analogy.elements.namedItem(k) as HTMLInputElement).placeholder);
    if (!vectors) return;
    const missing = [a!, b!, c!].filter((w) => !vectors!.index.has(w));
    list('analogy-results', missing.length ? `not in the vocabulary: ${missing.join(', ')}` : vectors.analogy(a!, b!, c!, { topn: 5 }));
  };
  neighbours.addEventListener('submit', (e) => { e.preventDefault(); search(); });
  analogy.addEventListener('submit', (e) => { e.preventDefault(); solve(); });

  const showResults = (v: WordVectors) => {
    byTestId('w2v-results').hidden = false;
    const input = neighbours.elements.namedItem('word') as HTMLInputElement;
    if (!input.value) input.value = v.index.has('man') ? 'man' : v.words[0] ?? '';
    search();
    solve();
    const words = chooseWords(v, undefined, v.size).filter((w) => /\p{L}/u.test(w)).slice(0, MAP_WORDS);
    if (words.length >= 2 && v.dim >= 2) map.show(pcaWordMap(v, words).points);
  };

  // the files are written by the worker, which keeps the last run's vectors (the page's main thread stays free)
  byTestId('download-text').addEventListener('click', () => vectors && worker?.postMessage({ type: 'encode', format: 'text' } satisfies ToWorker));
  byTestId('download-binary').addEventListener('click', () => vectors && worker?.postMessage({ type: 'encode', format: 'binary' } satisfies ToWorker));
}
