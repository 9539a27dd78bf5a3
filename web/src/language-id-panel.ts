// The language-identification panel: the user chooses or drops a fastText supervised model
// (lid.176.ftz or any .bin / .ftz with labels); a worker decodes it and, as the user types,
// answers the k most probable labels, drawn here as bars with their probabilities.
import type { FastTextPrediction } from 'lexnet';
import { byTestId, element, grouped } from './dom.js';
import type { FromLanguageIdWorker, ToLanguageIdWorker } from './language-id-worker.js';

/** fastText's label prefix, left out of the names shown (kept in each bar's data-label). */
const PREFIX = '__label__';
const shown = (label: string): string => (label.startsWith(PREFIX) ? label.slice(PREFIX.length) : label);

export function setUpLanguageIdPanel(): void {
  const fileInput = byTestId<HTMLInputElement>('lid-file'), drop = byTestId('lid-drop');
  const status = byTestId('lid-status'), results = byTestId('lid-results');
  const input = byTestId<HTMLTextAreaElement>('lid-input'), kInput = byTestId<HTMLInputElement>('lid-k');
  const list = byTestId('lid-predictions');
  const form = document.getElementById('lid-form') as HTMLFormElement;
  let worker: Worker | null = null;
  let loaded = false;
  // each request is numbered: an answer to text typed since is dropped
  let asked = 0;

  const setStatus = (text: string | (Node | string)[], error = false) => {
    if (typeof text === 'string') status.textContent = text;
    else status.replaceChildren(...text);
    status.classList.toggle('error', error);
  };

  const show = (predictions: FastTextPrediction[]) => {
    if (predictions.length === 0) {
      list.replaceChildren(element('li', { class: 'none' }, 'no word of this text is known to the model'));
      return;
    }
    list.replaceChildren(...predictions.map((p) => element('li', { class: 'bar', 'data-testid': 'lid-label', 'data-label': p.label, 'data-value': String(p.probability) },
      element('span', {}, shown(p.label)),
      element('span', { class: 'track' }, element('span', { class: 'fill', style: `width:${(100 * Math.min(1, p.probability)).toFixed(1)}%; display:block` })),
      element('span', {}, `${(100 * Math.min(1, p.probability)).toFixed(1)}%`))));
  };

  const onMessage = (m: FromLanguageIdWorker) => {
    if (m.type === 'loaded') {
      loaded = true;
      setStatus([
        element('strong', { 'data-testid': 'lid-model', 'data-labels': String(m.labels) }, m.name),
        `: ${grouped(m.labels)} labels, ${grouped(m.words)} words, dim ${m.dim} (${grouped(m.bytes / 1024)} KiB, read in ${m.seconds.toFixed(2)} s).`,
      ]);
      results.hidden = false;
      if (!input.value) input.value = 'Bonjour tout le monde';
      predict();
    } else if (m.type === 'predictions') {
      if (m.id === asked) show(m.predictions);
    } else if (m.during === 'load') {
      loaded = false;
      results.hidden = true;
      setStatus(`Could not read the model: ${m.message}`, true);
    } else {
      list.replaceChildren(element('li', { class: 'none' }, m.message));
    }
  };

  const predict = () => {
    const text = input.value.trim();
    const k = Number(kInput.value);
    if (!worker || !loaded) return;
    if (!text) { asked++; list.replaceChildren(); return; }
    if (!(Number.isInteger(k) && k >= 1)) return;
    worker.postMessage({ type: 'predict', id: ++asked, text, k } satisfies ToLanguageIdWorker);
  };

  const load = (file: File | undefined) => {
    if (!file) return;
    if (!worker) {
      worker = new Worker(new URL('./language-id-worker.ts', import.meta.url), { type: 'module', name: 'lexnet-language-id' });
      worker.addEventListener('message', (e: MessageEvent<FromLanguageIdWorker>) => onMessage(e.data));
      worker.addEventListener('error', (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start', during: 'load' }));
    }
    loaded = false;
    drop.textContent = `${file.name} (${grouped(file.size / 1024)} KiB)`;
    setStatus(`Reading ${file.name}…`);
    worker.postMessage({ type: 'load', file, name: file.name } satisfies ToLanguageIdWorker);
  };

  fileInput.addEventListener('change', () => load(fileInput.files?.[0]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); load(e.dataTransfer?.files[0]); });
  input.addEventListener('input', predict);
  kInput.addEventListener('input', predict);
  form.addEventListener('submit', (e) => { e.preventDefault(); predict(); });
}
