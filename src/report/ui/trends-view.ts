// Trends across runs from the history file: coverage, failure signatures and fuzz throughput,
// each a small line chart with the same numbers as a table.
import type { HistoryPoint } from '../../../generated/ts/types.js';
import { section } from './data.js';
import { add, h, svg } from './dom.js';

interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

const W = 420;
const H = 150;
const PAD = 34;

function chart(title: string, labels: readonly string[], series: readonly Series[], unit: string, fixedMax?: number): HTMLElement {
  const max = fixedMax ?? Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number): number => PAD + (labels.length <= 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (labels.length - 1));
  const y = (v: number): number => H - PAD + 10 - (v / max) * (H - PAD - 10);
  const lines = series.map((s, si) =>
    svg(
      'g',
      { class: `series s${si}` },
      svg('polyline', { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' '), fill: 'none' }),
      s.values.map((v, i) => svg('circle', { cx: x(i), cy: y(v), r: 3.5 }, svg('title', null, `${labels[i]}: ${s.name} ${v}${unit}`))),
    ),
  );
  const axis = [svg('text', { x: 2, y: 14, class: 'axis' }, `${max}${unit}`), svg('text', { x: 2, y: H - PAD + 12, class: 'axis' }, `0${unit}`), ...labels.map((l, i) => svg('text', { x: x(i), y: H - 4, 'text-anchor': 'middle', class: 'axis' }, l))];
  const table = h(
    'table',
    { class: 'trend-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'run'), series.map((s) => h('th', { scope: 'col' }, s.name)))),
    h('tbody', null, labels.map((l, i) => h('tr', { 'data-run': l }, h('th', { scope: 'row' }, l), series.map((s) => h('td', null, `${s.values[i]}${unit}`))))),
  );
  return h(
    'figure',
    { class: 'trend', 'data-trend': title },
    h('figcaption', null, title, h('span', { class: 'legend-inline' }, series.map((s, si) => h('span', { class: `key s${si}` }, s.name)))),
    svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title}: ${series.map((s) => `${s.name} ${s.values.join(', ')}`).join('; ')}` }, axis, lines),
    h('details', null, h('summary', null, 'Numbers'), table),
  );
}

const pct = (hit: number, legal: number): number => (legal > 0 ? Math.round((hit / legal) * 1000) / 10 : 0);

export function renderTrends(panel: HTMLElement): void {
  const { history } = section('summary');
  const labels = history.map((p: HistoryPoint) => p.label);
  add(panel, 
    h('h2', null, 'Trends'),
    h('p', { 'data-runs': history.length }, history.length < 2 ? 'One run so far. Keep a history with --history FILE --append to see trends across runs.' : `${history.length} runs, oldest first; the last is this report.`),
    h(
      'div',
      { class: 'trends' },
      chart('Matrix coverage', labels, [{ name: 'slot', values: history.map((p) => pct(p.slot_hit, p.slot_legal)) }, { name: 'order', values: history.map((p) => pct(p.order_hit, p.order_legal)) }], '%', 100),
      chart('Failure signatures and parity failures', labels, [{ name: 'signatures', values: history.map((p) => p.signatures) }, { name: 'parity failed', values: history.map((p) => p.parity_failed) }], ''),
      chart('Fuzz throughput (scenarios/s)', labels, [{ name: 'scenarios/s', values: history.map((p) => p.scenarios_per_s) }], ''),
    ),
  );
}
