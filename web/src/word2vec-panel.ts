// The word2vec panel: settings, training in a dedicated worker with live progress and a loss
// curve, a Stop button, then nearest neighbours, analogies, the PCA map and downloads. With
// subwords (trained so, or a fastText .bin the user opens) the neighbour box, the analogies and the
// map take words outside the vocabulary too: their vectors come from their character n-grams.
import { WordVectors, chooseWords } from 'lexnet';
import { byTestId, download, element, grouped } from './dom.js';
import { LossChart } from './loss-chart.js';
import { mapPoints } from './map-points.js';
import { unpackVectors } from './packed-vectors.js';
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
  const fastTextButton = byTestId<HTMLButtonElement>('download-fasttext');
  threadsInput.max = String(maxThreads);
  threadsInput.value = String(maxThreads);
  // settings from the URL (?dim=50&epochs=1&lines=5000…), as the tests and the benchmark use
  for (const name of ['dim', 'window', 'epochs', 'minCount', 'threads', 'bucket']) {
    const v = params.get(name);
    if (v !== null) (form.elements.namedItem(name) as HTMLInputElement).value = v;
  }
  const subwordsBox = byTestId<HTMLInputElement>('subwords'), bucketInput = byTestId<HTMLInputElement>('bucket');
  subwordsBox.checked = params.has('subwords') && params.get('subwords') !== '0';
  const syncBucket = () => { bucketInput.disabled = !subwordsBox.checked; };
  subwordsBox.addEventListener('change', syncBucket);
  syncBucket();
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
  const vectorsInput = byTestId<HTMLInputElement>('vectors-file'), vectorsDrop = byTestId('vectors-drop');
  const setRunning = (running: boolean) => {
    trainButton.disabled = running;
    stopButton.disabled = !running;
    vectorsInput.disabled = running; // one job at a time: a file opened during a run would race with its end
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
    } else if (m.type === 'fastTextBin') {
      download(m.file, 'model.bin', 'application/octet-stream');
    } else if (m.type === 'opened') {
      fastTextButton.hidden = true;
      setRunning(false);
      progress.value = 1;
      chart.clear();
      vectors = unpackVectors(m.vectors);
      status.replaceChildren(
        element('strong', { 'data-testid': 'w2v-opened', 'data-subwords': String(vectors.hasSubwords) }, m.name),
        `: ${grouped(vectors.size)} words × ${vectors.dim}${vectors.hasSubwords ? ' with subwords (any word gets a vector from its character n-grams)' : ''}, read in ${m.seconds.toFixed(1)} s.`,
      );
      status.classList.remove('error');
      showResults(vectors);
    } else if (m.type === 'done') {
      setRunning(false);
      progress.value = 1;
      vectors = unpackVectors({ words: m.words, dim: m.dim, data: m.data, subwords: m.subwords });
      fastTextButton.hidden = m.subwords === null;
      // the run's own record of the loss replaces the live points (a short run may have sent none)
      const epochs = Math.max(1, m.history.at(-1)?.epoch ?? 1);
      chart.clear();
      for (const h of m.history) chart.add(h.epoch / epochs, h.loss);
      const summary: RunSummary = { wordsPerSecond: m.wordsPerSecond, threads: m.threads, seconds: m.seconds, trainWords: m.trainWords, tokens: m.tokens, vocabulary: m.words.length };
      status.replaceChildren(
        `Trained ${grouped(m.words.length)} words × ${m.dim} on ${grouped(m.tokens)} tokens in ${m.seconds.toFixed(1)} s: `,
        element('strong', { 'data-testid': 'w2v-speed', 'data-value': String(m.wordsPerSecond) }, `${grouped(m.wordsPerSecond)} words/s`),
        ` with ${m.threads} thread${m.threads === 1 ? '' : 's'}, final loss ${m.finalLoss.toFixed(3)}`,
        m.subwords ? `; subwords in ${grouped(m.subwords.bucket)} buckets: any word gets a vector.` : '.',
      );
      status.classList.remove('error');
      showResults(vectors);
      finished?.(summary);
    } else if (m.type === 'encoded') {
      if (m.format === 'text') download(m.bytes, 'vectors.txt', 'text/plain');
      else download(m.bytes, 'vectors.bin', 'application/octet-stream');
    } else {
      setRunning(false);
      setStatus(m.aborted ? 'Stopped.' : `${m.opening ? 'Could not open the vectors' : 'Training failed'}: ${m.message}`, !m.aborted);
      failed?.(new Error(m.message));
    }
  };

  const theWorker = (): Worker => {
    if (!worker) {
      worker = new Worker(new URL('./word2vec-worker.ts', import.meta.url), { type: 'module', name: 'lexnet-word2vec' });
      worker.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
      worker.addEventListener('error', (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start', aborted: false }));
    }
    return worker;
  };
  const start = (settings: TrainSettings, source: CorpusSource) => {
    const worker = theWorker();
    setRunning(true);
    fastTextButton.hidden = true;
    chart.clear();
    progress.value = 0;
    setStatus('Starting…');
    worker.postMessage({ type: 'train', source, settings } satisfies ToWorker);
  };

  const settingsOf = (): TrainSettings => {
    const n = (name: string) => Number((form.elements.namedItem(name) as HTMLInputElement).value);
    return {
      dim: n('dim'), window: n('window'), epochs: n('epochs'), minCount: n('minCount'), threads: n('threads'),
      ...(subwordsBox.checked ? { subwords: true, bucket: n('bucket') } : {}),
    };
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

  // a vectors file, opened (decoded in the worker) instead of training
  const openVectors = (f: File | undefined) => {
    if (!f || vectorsInput.disabled) return;
    vectorsDrop.textContent = `${f.name} (${grouped(f.size / 1024)} KiB)`;
    setRunning(true);
    stopButton.disabled = true;
    progress.value = 0;
    setStatus(`Reading ${f.name}…`);
    theWorker().postMessage({ type: 'open', file: f, name: f.name } satisfies ToWorker);
  };
  vectorsInput.addEventListener('change', () => openVectors(vectorsInput.files?.[0]));
  vectorsDrop.addEventListener('dragover', (e) => { e.preventDefault(); vectorsDrop.classList.add('over'); });
  vectorsDrop.addEventListener('dragleave', () => vectorsDrop.classList.remove('over'));
  vectorsDrop.addEventListener('drop', (e) => { e.preventDefault(); vectorsDrop.classList.remove('over'); openVectors(e.dataTransfer?.files[0]); });

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
  /** The answer of a search, or its error's message (a query word with a zero vector, say). */
  const answer = (f: () => { word: string; similarity: number }[]) => {
    try {
      return f();
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  /** Words neither in the vocabulary nor answered by subwords. */
  const unknown = (v: WordVectors, words: string[]) => (v.hasSubwords ? [] : words.filter((w) => !v.index.has(w)));
  const search = () => {
    const w = field(neighbours, 'word');
    if (!vectors || !w) return;
    const v = vectors;
    const note = byTestId('neighbour-note');
    note.hidden = v.index.has(w) || !v.hasSubwords;
    note.textContent = note.hidden ? '' : `"${w}" is not in the vocabulary: its vector is the mean of its character n-grams.`;
    list('neighbours', unknown(v, [w]).length ? `"${w}" is not in the vocabulary` : answer(() => v.mostSimilar(w, { topn: 10 })));
  };
  const solve = () => {
    const [a, b, c] = ['a', 'b', 'c'].map((k) => field(analogy, k) || (analogy.elements.namedItem(k) as HTMLInputElement).placeholder);
    if (!vectors) return;
    const v = vectors;
    const missing = unknown(v, [a!, b!, c!]);
    list('analogy-results', missing.length ? `not in the vocabulary: ${missing.join(', ')}` : answer(() => v.analogy(a!, b!, c!, { topn: 5 })));
  };
  neighbours.addEventListener('submit', (e) => { e.preventDefault(); search(); });
  analogy.addEventListener('submit', (e) => { e.preventDefault(); solve(); });

  // the map: the most frequent words, and the words the user adds
  const mapWordsForm = document.getElementById('map-words-form') as HTMLFormElement;
  const mapStatus = byTestId('map-words-status');
  let frequent: string[] = [], added: string[] = [];
  const drawMap = (v: WordVectors) => {
    if (frequent.length >= 2 && v.dim >= 2) map.show(mapPoints(v, frequent, added));
  };
  mapWordsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!vectors) return;
    const v = vectors;
    const asked = [...new Set(field(mapWordsForm, 'words').split(/[\s,]+/).filter(Boolean))];
    const missing = unknown(v, asked), shown = asked.filter((w) => frequent.includes(w) || added.includes(w));
    const fresh = asked.filter((w) => !missing.includes(w) && !shown.includes(w));
    added = [...added, ...fresh];
    const notes = [
      ...(missing.length ? [`not in the vocabulary: ${missing.join(', ')}`] : []),
      ...(shown.length ? [`already on the map: ${shown.join(', ')}`] : []),
      ...fresh.filter((w) => !v.index.has(w)).map((w) => `${w}: placed by its character n-grams`),
    ];
    mapStatus.textContent = notes.join('; ');
    mapStatus.classList.toggle('error', missing.length > 0);
    if (fresh.length) drawMap(v);
  });

  const showResults = (v: WordVectors) => {
    byTestId('w2v-results').hidden = false;
    const input = neighbours.elements.namedItem('word') as HTMLInputElement;
    if (!input.value) input.value = v.index.has('man') ? 'man' : v.words[0] ?? '';
    search();
    solve();
    frequent = chooseWords(v, undefined, v.size).filter((w) => /\p{L}/u.test(w)).slice(0, MAP_WORDS);
    added = [];
    mapStatus.textContent = '';
    mapStatus.classList.remove('error');
    drawMap(v);
  };

  // the files are written by the worker, which keeps the last run's vectors (the page's main thread stays free)
  byTestId('download-text').addEventListener('click', () => vectors && worker?.postMessage({ type: 'encode', format: 'text' } satisfies ToWorker));
  byTestId('download-binary').addEventListener('click', () => vectors && worker?.postMessage({ type: 'encode', format: 'binary' } satisfies ToWorker));
  fastTextButton.addEventListener('click', () => worker?.postMessage({ type: 'fastTextBin' } satisfies ToWorker));
}
