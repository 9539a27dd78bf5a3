import { BASE, epochX } from './style.js';
import type { ChartSpec } from './render.js';
import type { Word2vecSample } from '../word2vec/history.js';

/** The most points drawn per curve. */
const MAX_POINTS = 1000;

/** The loss per prediction (top) and the learning rate (bottom) against epochs of a word2vec run. */
export function word2vecCurvesSpec(history: readonly Word2vecSample[], title: string): ChartSpec {
  const finite = history.filter((h) => Number.isFinite(h.loss));
  // a long run samples four times a second: average runs of samples down to at most MAX_POINTS
  const per = Math.max(1, Math.ceil(finite.length / MAX_POINTS));
  const values = Array.from({ length: Math.ceil(finite.length / per) }, (_, b) => {
    const bucket = finite.slice(b * per, (b + 1) * per);
    const mean = (f: (h: Word2vecSample) => number): number => bucket.reduce((a, h) => a + f(h), 0) / bucket.length;
    return { epoch: bucket[bucket.length - 1]!.epoch, loss: mean((h) => h.loss), alpha: bucket[bucket.length - 1]!.alpha };
  });
  const last = Math.max(1, ...values.map((v) => v.epoch));
  const x = epochX(0, last);
  const few = values.length <= 30;
  return {
    ...BASE, title: { text: title, subtitle: `${finite.length} samples${per > 1 ? ` (averaged by ${per})` : ''}; loss = mean loss per prediction since the previous sample` },
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
