// The gradient-check panel: runs lexnet's gradcheckParams on the chosen problem and shows the
// worst relative error, with a table of some entries' analytic and numeric gradients.
import { gradcheckParams } from 'lexnet';
import { GRADIENT_CHECKS, type CheckProblem } from './gradient-checks.js';
import { byTestId, element } from './dom.js';

/** The panel's pass mark on the worst relative error. */
export const TOLERANCE = 1e-7;
const STEP = 1e-4; // the library's default step for the fourth-order stencil
const ROWS_PER_PARAM = 3;

/** The numeric derivative of the loss along one coordinate (the fourth-order centred stencil). */
function numericAt(problem: CheckProblem, value: Float64Array, i: number): number {
  const old = value[i]!;
  const at = (d: number): number => {
    value[i] = old + d;
    const j = problem.loss();
    value[i] = old;
    return j;
  };
  return (at(-2 * STEP) - 8 * at(-STEP) + 8 * at(STEP) - at(2 * STEP)) / (12 * STEP);
}

/** Entries to show for one parameter: the first, the largest analytic ones. */
function shownIndices(analytic: Float64Array): number[] {
  const order = [...analytic.keys()].sort((a, b) => Math.abs(analytic[b]!) - Math.abs(analytic[a]!));
  return [...new Set([0, ...order.slice(0, ROWS_PER_PARAM - 1)])].slice(0, ROWS_PER_PARAM).sort((a, b) => a - b);
}

const fmt = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(7) : v.toExponential(5));

function run(id: string): void {
  const check = GRADIENT_CHECKS.find((c) => c.id === id)!;
  const problem = check.build();
  const report = gradcheckParams(problem.loss, problem.params, problem.grads);
  problem.loss();
  const analytic = problem.grads().map((g) => Float64Array.from(g));
  const table = byTestId<HTMLTableElement>('gradcheck-table');
  table.replaceChildren(element('tr', {}, ...['entry', 'analytic', 'numeric', 'rel. error'].map((h) => element('th', {}, h))));
  problem.params.forEach((p, k) => {
    for (const i of shownIndices(analytic[k]!)) {
      const a = analytic[k]![i]!, n = numericAt(problem, p.value, i);
      const rel = Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-4);
      table.append(element('tr', {}, element('td', {}, `${p.name}[${i}]`), element('td', {}, fmt(a)), element('td', {}, fmt(n)), element('td', {}, rel.toExponential(2))));
    }
  });
  const ok = report.maxRelativeError < TOLERANCE;
  const summary = byTestId('gradcheck-summary');
  summary.replaceChildren(
    `${check.label}: ${report.checked} coordinates checked, max relative error `,
    element('span', { class: ok ? 'ok' : 'fail', 'data-testid': 'gradcheck-max-error', 'data-value': String(report.maxRelativeError) }, report.maxRelativeError.toExponential(2)),
    ` at ${report.where}[${report.index}] — ${ok ? 'below' : 'NOT below'} ${TOLERANCE.toExponential(0)}`,
  );
}

/** Fills the menu, and runs the first check so the panel is never empty. */
export function setUpGradcheckPanel(): void {
  const select = byTestId<HTMLSelectElement>('gradcheck-select');
  for (const c of GRADIENT_CHECKS) select.append(element('option', { value: c.id }, c.label));
  byTestId('gradcheck-run').addEventListener('click', () => run(select.value));
  select.addEventListener('change', () => run(select.value));
  run(select.value);
}
