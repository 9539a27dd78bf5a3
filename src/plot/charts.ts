import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Renders a Vega-Lite specification to an SVG document (headless, no canvas needed). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', background: 'white' } as const;

/** Train and dev accuracy against the L2 strength λ (log scale; λ = 0 is listed in the title). */
export function accuracyVsL2Spec(points: readonly { l2: number; trainAccuracy: number; devAccuracy: number }[], title: string): TopLevelSpec {
  const zero = points.find((p) => p.l2 === 0);
  const values = points.filter((p) => p.l2 > 0).flatMap((p) => [
    { lambda: p.l2, split: 'train', accuracy: p.trainAccuracy },
    { lambda: p.l2, split: 'dev', accuracy: p.devAccuracy },
  ]);
  const best = points.reduce((a, b) => (b.devAccuracy >= a.devAccuracy ? b : a));
  return {
    ...base, width: 480, height: 300,
    title: { text: title, subtitle: `best dev λ = ${best.l2} (${(100 * best.devAccuracy).toFixed(2)}%)${zero ? `; λ = 0: train ${(100 * zero.trainAccuracy).toFixed(1)}%, dev ${(100 * zero.devAccuracy).toFixed(1)}%` : ''}` },
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'lambda', type: 'quantitative', scale: { type: 'log' }, title: 'L2 strength λ' },
      y: { field: 'accuracy', type: 'quantitative', scale: { zero: false }, title: 'accuracy', axis: { format: '.0%' } },
      color: { field: 'split', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}

/** Training loss and accuracies per epoch, one panel each. */
export function trainingCurvesSpec(history: readonly { epoch: number; loss: number; trainAccuracy: number; devAccuracy: number | null }[], title: string): TopLevelSpec {
  const acc = history.flatMap((h) => [
    { epoch: h.epoch, split: 'train', accuracy: h.trainAccuracy },
    ...(h.devAccuracy === null ? [] : [{ epoch: h.epoch, split: 'dev', accuracy: h.devAccuracy }]),
  ]);
  return {
    ...base, title,
    vconcat: [
      { width: 480, height: 180, data: { values: history.map((h) => ({ epoch: h.epoch, loss: h.loss })) }, mark: { type: 'line', point: true },
        encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative', title: 'training loss' } } },
      { width: 480, height: 180, data: { values: acc }, mark: { type: 'line', point: true },
        encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'accuracy', type: 'quantitative', scale: { zero: false }, axis: { format: '.0%' } }, color: { field: 'split', type: 'nominal', title: null } } },
    ],
  } as TopLevelSpec;
}

/** A confusion matrix as a heat map with counts (rows gold, columns predicted). */
export function confusionSpec(labels: readonly string[], counts: readonly (readonly number[])[], title: string): TopLevelSpec {
  const values = counts.flatMap((row, g) => row.map((n, p) => ({ gold: labels[g], predicted: labels[p], count: n })));
  const size = Math.max(160, 60 * labels.length);
  return {
    ...base, title, width: size, height: size, data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: [...labels] },
      y: { field: 'gold', type: 'nominal', sort: [...labels] },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' } } } },
      { mark: { type: 'text', fontSize: 14 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}
