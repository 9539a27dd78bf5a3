import { BASE, epochX, splitColour } from './style.js';
import type { ChartSpec } from './render.js';

/**
 * The tagger's learning curve: training loss per token (top) and the dev score (bottom: entity
 * F1 for chunk tags, token accuracy otherwise, named by `scoreName`) per epoch; the epoch whose
 * model was kept is marked.
 */
export function taggerCurvesSpec(history: readonly { epoch: number; loss: number; devScore: number | null }[], title: string, scoreName = 'dev F1', bestEpoch?: number): ChartSpec {
  const first = Math.min(...history.map((h) => h.epoch)), last = Math.max(...history.map((h) => h.epoch));
  const x = epochX(first, last);
  const dev = history.filter((h) => h.devScore !== null).map((h) => ({ epoch: h.epoch, score: h.devScore, split: 'dev' }));
  const splits = dev.length > 0 ? (['train', 'dev'] as const) : (['train'] as const);
  const lossPanel = {
    width: 480, height: 170, data: { values: history.map((h) => ({ epoch: h.epoch, loss: h.loss, split: 'train' })) },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: { x: dev.length > 0 ? { ...x, title: null } : x, y: { field: 'loss', type: 'quantitative', title: 'training loss', scale: { zero: false } }, color: splitColour([...splits]) },
  };
  const best = bestEpoch !== undefined ? dev.find((d) => d.epoch === bestEpoch) : undefined;
  const devPanel = {
    width: 480, height: 170,
    layer: [
      {
        data: { values: dev }, mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { x, y: { field: 'score', type: 'quantitative', title: `dev ${scoreName}`, scale: { zero: false }, axis: { format: '.1%' } }, color: splitColour([...splits]) },
      },
      ...(best ? [{
        data: { values: [{ ...best, label: `kept: epoch ${best.epoch}` }] },
        mark: { type: 'point', shape: 'circle', size: 160, filled: false, strokeWidth: 2, color: '#d62728' },
        encoding: { x, y: { field: 'score', type: 'quantitative' } },
      }, {
        data: { values: [{ ...best, label: `kept: epoch ${best.epoch}` }] },
        mark: { type: 'text', dy: -14, fontSize: 11, color: '#d62728', align: best.epoch > (first + last) / 2 ? 'right' : 'left', dx: best.epoch > (first + last) / 2 ? 8 : -8 },
        encoding: { x, y: { field: 'score', type: 'quantitative' }, text: { field: 'label' } },
      }] : []),
    ],
  };
  return { ...BASE, title, vconcat: dev.length > 0 ? [lossPanel, devPanel] : [lossPanel] };
}
