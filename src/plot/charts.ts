import { BASE, epochX, shortNumber, splitColour } from './style.js';
import type { ChartSpec } from './render.js';

export { renderSvg, requirePlotting, type ChartSpec } from './render.js';

/** Powers of ten from the smallest to the largest positive value (the ticks of a log axis). */
function decades(values: readonly number[]): number[] {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return [];
  const lo = Math.floor(Math.log10(Math.min(...pos)) + 1e-9), hi = Math.ceil(Math.log10(Math.max(...pos)) - 1e-9);
  return Array.from({ length: hi - lo + 1 }, (_, i) => Number(`1e${lo + i}`));
}

/**
 * Train and dev accuracy against the L2 strength λ: a log axis with a labelled tick at every
 * power of ten (1e-6, 1e-5, …, 1); λ = 0 cannot sit on it and is listed in the subtitle.
 */
export function accuracyVsL2Spec(points: readonly { l2: number; trainAccuracy: number; devAccuracy: number }[], title: string): ChartSpec {
  const zero = points.find((p) => p.l2 === 0);
  const positive = points.filter((p) => p.l2 > 0);
  const values = positive.flatMap((p) => [
    { lambda: p.l2, split: 'train', accuracy: p.trainAccuracy },
    { lambda: p.l2, split: 'dev', accuracy: p.devAccuracy },
  ]);
  const best = points.reduce((a, b) => (b.devAccuracy > a.devAccuracy ? b : a));
  const ticks = decades(positive.map((p) => p.l2));
  const pct = (x: number, digits: number): string => `${(100 * x).toFixed(digits)}%`;
  return {
    ...BASE, width: 480, height: 300,
    title: {
      text: title,
      subtitle: `best dev: λ = ${shortNumber(best.l2)} (${pct(best.devAccuracy, 2)})${zero ? `; λ = 0: train ${pct(zero.trainAccuracy, 1)}, dev ${pct(zero.devAccuracy, 1)}` : ''}`,
    },
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'lambda', type: 'quantitative', title: 'L2 strength λ (log scale)',
        scale: { type: 'log', domain: ticks.length ? [ticks[0], ticks[ticks.length - 1]] : undefined, nice: false },
        axis: { values: ticks, labelExpr: "datum.value >= 1 ? format(datum.value, 'd') : format(datum.value, '.0e')", labelOverlap: false, grid: true },
      },
      y: { field: 'accuracy', type: 'quantitative', scale: { zero: false }, title: 'accuracy', axis: { format: '.0%' } },
      color: splitColour(),
    },
  };
}

/** Training loss (top) and train/dev accuracy (bottom) per epoch, with whole-epoch ticks. */
export function trainingCurvesSpec(history: readonly { epoch: number; loss: number; trainAccuracy: number; devAccuracy: number | null }[], title: string): ChartSpec {
  const acc = history.flatMap((h) => [
    { epoch: h.epoch, split: 'train', accuracy: h.trainAccuracy },
    ...(h.devAccuracy === null ? [] : [{ epoch: h.epoch, split: 'dev', accuracy: h.devAccuracy }]),
  ]);
  const hasDev = history.some((h) => h.devAccuracy !== null);
  const first = Math.min(...history.map((h) => h.epoch)), last = Math.max(...history.map((h) => h.epoch));
  const x = epochX(first, last);
  return {
    ...BASE, title,
    vconcat: [
      {
        width: 480, height: 170, data: { values: history.map((h) => ({ epoch: h.epoch, loss: h.loss, split: 'train' })) },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { x: { ...x, title: null }, y: { field: 'loss', type: 'quantitative', title: 'training loss' }, color: splitColour(hasDev ? ['train', 'dev'] : ['train']) },
      },
      {
        width: 480, height: 170, data: { values: acc }, mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { x, y: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { zero: false }, axis: { format: '.0%' } }, color: splitColour(hasDev ? ['train', 'dev'] : ['train']) },
      },
    ],
  };
}

/**
 * A confusion matrix as a heat map (rows true, columns predicted): each cell shows its count,
 * coloured by its share of the row (so rare classes are as readable as frequent ones; a square-root
 * scale, so that a few per cent of errors still show).
 */
export function confusionSpec(labels: readonly string[], counts: readonly (readonly number[])[], title: string, axisName = 'class'): ChartSpec {
  const values = counts.flatMap((row, g) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((n, p) => ({ true: labels[g], predicted: labels[p], count: n, share: total > 0 ? n / total : 0 }));
  });
  const n = labels.length;
  const cell = Math.max(16, Math.ceil(180 / Math.max(n, 1)), Math.min(64, Math.floor(640 / Math.max(n, 1))));
  const font = Math.max(7, Math.min(13, Math.floor(cell / 3)));
  return {
    ...BASE, title: { text: title, subtitle: 'cells: counts; colour: share of the true row' },
    width: cell * n, height: cell * n, data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: [...labels], title: `predicted ${axisName}`, axis: { orient: 'top', labelAngle: n > 8 ? -60 : 0, labelAlign: n > 8 ? 'left' : 'center', labelLimit: 120 } },
      y: { field: 'true', type: 'nominal', sort: [...labels], title: `true ${axisName}`, axis: { labelLimit: 120 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          color: { field: 'share', type: 'quantitative', title: 'share of row', scale: { type: 'sqrt', domain: [0, 1], range: ['#ffffff', '#08519c'], interpolate: 'rgb' }, legend: { format: '.0%', values: [0, 0.05, 0.25, 0.5, 1], gradientLength: Math.max(120, Math.min(200, cell * n)) } },
          tooltip: [{ field: 'true' }, { field: 'predicted' }, { field: 'count' }, { field: 'share', format: '.1%' }],
        },
      },
      {
        transform: [{ filter: 'datum.count > 0' }],
        mark: { type: 'text', fontSize: font },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#222222' },
        },
      },
    ],
  };
}
