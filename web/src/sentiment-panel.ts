// The sentiment panel: trains the classifier on SST-2 in a worker, shows its dev accuracy, then
// classifies typed sentences with the probability of each label.
import { byTestId, element } from './dom.js';
import type { FromSentimentWorker, ToSentimentWorker } from './sentiment-worker.js';

/** SST-2's labels. */
const NAMES: Record<string, string> = { 0: 'negative', 1: 'positive' };
const name = (label: string): string => NAMES[label] ?? label;

export function setUpSentimentPanel(params: URLSearchParams): void {
  const trainButton = byTestId<HTMLButtonElement>('train-sentiment');
  const progress = byTestId<HTMLProgressElement>('sentiment-progress'), status = byTestId('sentiment-status');
  const form = document.getElementById('sentiment-form') as HTMLFormElement;
  const input = byTestId<HTMLTextAreaElement>('sentiment-input');
  const epochs = params.has('sentimentEpochs') ? Number(params.get('sentimentEpochs')) : undefined;
  let worker: Worker | null = null;

  const onMessage = (m: FromSentimentWorker) => {
    if (m.type === 'progress') {
      const e = m.event;
      progress.value = e.fraction;
      status.textContent = `Epoch ${e.epoch}/${e.epochs}${e.loss !== null ? ` · loss ${e.loss.toFixed(3)}` : ''}${e.devScore != null ? ` · dev accuracy ${(100 * e.devScore).toFixed(1)}%` : ''}`;
    } else if (m.type === 'trained') {
      trainButton.disabled = false;
      progress.value = 1;
      status.replaceChildren(
        'Dev accuracy ',
        element('strong', { 'data-testid': 'sentiment-accuracy', 'data-value': String(m.devAccuracy) }, `${(100 * (m.devAccuracy ?? 0)).toFixed(1)}%`),
        ` (872 sentences; epoch ${m.bestEpoch} of ${m.epochs} kept, training accuracy ${(100 * m.trainAccuracy).toFixed(1)}%, ${m.seconds.toFixed(1)} s).`,
      );
      form.hidden = false;
      if (!input.value) input.value = 'a gorgeous , witty and moving film';
      classify();
    } else if (m.type === 'prediction') {
      const labels = Object.keys(m.probabilities);
      byTestId('sentiment-prediction').replaceChildren(
        element('div', {}, 'Predicted: ', element('span', { class: `label ${name(m.label)}`, 'data-testid': 'sentiment-label' }, name(m.label))),
        ...labels.map((l) => {
          const p = m.probabilities[l]!;
          return element('div', { class: 'bar', 'data-testid': `sentiment-probability-${name(l)}`, 'data-value': String(p) },
            element('span', {}, name(l)), element('span', { class: 'track' }, element('span', { class: 'fill', style: `width:${(100 * p).toFixed(1)}%; display:block` })),
            element('span', {}, `${(100 * p).toFixed(1)}%`));
        }),
      );
    } else {
      trainButton.disabled = false;
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
    trainButton.disabled = true;
    status.classList.remove('error');
    status.textContent = 'Reading SST-2…';
    worker.postMessage({ type: 'train', base: new URL('./', document.baseURI).href, ...(epochs ? { epochs } : {}) } satisfies ToSentimentWorker);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); classify(); });
  input.addEventListener('input', () => classify());
}
