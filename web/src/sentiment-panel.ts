// The sentiment panel: trains a classifier on SST-2 in a worker (fastText's supervised model in the
// kernels by default, or lexnet's older bag of words and bigrams), shows its progress, loss and dev
// accuracy, then classifies sentences as they are typed with the probability of each label; the
// supervised model downloads as fastText's `.bin`.
import { byTestId, download, element } from './dom.js';
import type { FromSentimentWorker, SentimentKind, ToSentimentWorker } from './sentiment-worker.js';

export function setUpSentimentPanel(params: URLSearchParams, threads: number): void {
  const trainButton = byTestId<HTMLButtonElement>('train-sentiment'), kindSelect = byTestId<HTMLSelectElement>('sentiment-kind');
  const progress = byTestId<HTMLProgressElement>('sentiment-progress'), status = byTestId('sentiment-status');
  const form = document.getElementById('sentiment-form') as HTMLFormElement;
  const input = byTestId<HTMLTextAreaElement>('sentiment-input');
  const downloadButton = byTestId<HTMLButtonElement>('sentiment-download');
  const epochs = params.has('sentimentEpochs') ? Number(params.get('sentimentEpochs')) : undefined;
  let worker: Worker | null = null;

  const onMessage = (m: FromSentimentWorker) => {
    if (m.type === 'progress') {
      const e = m.event;
      progress.value = e.fraction;
      status.textContent = `Epoch ${e.epoch}/${e.epochs}${e.loss !== null ? ` · loss ${e.loss.toFixed(3)}` : ''}${e.devScore != null ? ` · dev accuracy ${(100 * e.devScore).toFixed(1)}%` : ''}`
        + (e.threads !== undefined ? ` · ${e.threads} thread${e.threads === 1 ? '' : 's'}` : '');
    } else if (m.type === 'trained') {
      trainButton.disabled = kindSelect.disabled = false;
      progress.value = 1;
      const how = m.kind === 'supervised'
        ? `fastText's model, ${m.epochs} epochs on ${m.threads} thread${m.threads === 1 ? '' : 's'}`
        : `epoch ${m.bestEpoch} of ${m.epochs} kept`;
      status.replaceChildren(
        'Dev accuracy ',
        element('strong', { 'data-testid': 'sentiment-accuracy', 'data-value': String(m.devAccuracy), 'data-kind': m.kind, 'data-threads': String(m.threads) }, `${(100 * (m.devAccuracy ?? 0)).toFixed(1)}%`),
        ` (872 sentences; ${how}, training accuracy ${(100 * m.trainAccuracy).toFixed(1)}%, ${m.seconds.toFixed(1)} s).`,
      );
      form.hidden = false;
      downloadButton.hidden = m.kind !== 'supervised';
      if (!input.value) input.value = 'a gorgeous , witty and moving film';
      classify();
    } else if (m.type === 'prediction') {
      const labels = Object.keys(m.probabilities);
      byTestId('sentiment-prediction').replaceChildren(
        element('div', {}, 'Predicted: ', element('span', { class: `label ${m.label}`, 'data-testid': 'sentiment-label', 'data-text': m.text }, m.label)),
        ...labels.map((l) => {
          const p = m.probabilities[l]!;
          return element('div', { class: 'bar', 'data-testid': `sentiment-probability-${l}`, 'data-value': String(p) },
            element('span', {}, l), element('span', { class: 'track' }, element('span', { class: 'fill', style: `width:${(100 * p).toFixed(1)}%; display:block` })),
            element('span', {}, `${(100 * p).toFixed(1)}%`));
        }),
      );
    } else if (m.type === 'fastTextBin') {
      download(m.bytes, 'sentiment.bin', 'application/octet-stream');
    } else {
      trainButton.disabled = kindSelect.disabled = false;
      status.textContent = `Training failed: ${m.message}`;
      status.classList.add('error');
    }
  };

  const classify = () => {
    const text = input.value.trim();
    if (text && worker) worker.postMessage({ type: 'predict', text } satisfies ToSentimentWorker);
  };

  trainButton.addEventListener('click', () => {
    if (!worker) {
      worker = new Worker(new URL('./sentiment-worker.ts', import.meta.url), { type: 'module', name: 'lexnet-sentiment' });
      worker.addEventListener('message', (e: MessageEvent<FromSentimentWorker>) => onMessage(e.data));
      worker.addEventListener('error', (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start' }));
    }
    trainButton.disabled = kindSelect.disabled = true;
    form.hidden = true;
    byTestId('sentiment-prediction').replaceChildren();
    status.classList.remove('error');
    status.textContent = 'Reading SST-2…';
    const kind = kindSelect.value as SentimentKind;
    worker.postMessage({ type: 'train', base: new URL('./', document.baseURI).href, kind, threads, ...(epochs ? { epochs } : {}) } satisfies ToSentimentWorker);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); classify(); });
  input.addEventListener('input', () => classify());
  downloadButton.addEventListener('click', () => worker?.postMessage({ type: 'fastTextBin' } satisfies ToSentimentWorker));
}
