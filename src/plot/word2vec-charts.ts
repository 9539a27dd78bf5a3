import { BASE, epochX } from './style.js';
import type { ChartSpec } from './render.js';
import type { Word2vecSample } from '../word2vec/history.js';

/** The loss per prediction (top) and the learning rate (bottom) against epochs of a word2vec run. */
export function word2vecCurvesSpec(history: readonly Word2vecSample[], title: string): ChartSpec {
  const values = history.filter((h) => Number.isFinite(h.loss)).map((h) => ({ epoch: h.epoch, loss: h.loss, alpha: h.alpha }));
  const last = Math.max(1, ...values.map((v) => v.epoch));
  const x = epochX(0, last);
  const few = values.length <= 30;
  return {
    ...BASE, title: { text: title, subtitle: `${values.length} samples; loss = mean loss per prediction since the previous sample` },
    data: { values },
    vconcat: [
      {
        width: 480, height: 200, mark: { type: 'line', point: few, strokeWidth: 2, color: '#1f77b4' },
        encoding: { x: { ...x, title: null }, y: { field: 'loss', type: 'quantitative', title: 'training loss', scale: { zero: false } } },
      },
      {
        width: 480, height: 110, mark: { type: 'line', point: few, strokeWidth: 2, color: '#2ca02c' },
        encoding: { x, y: { field: 'alpha', type: 'quantitative', title: 'learning rate', scale: { zero: true }, axis: { format: '~g', tickCount: 4 } } },
      },
    ],
  };
}
