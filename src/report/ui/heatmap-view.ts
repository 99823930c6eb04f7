// The matrix heatmaps: a switch between implementations and runs, the slot and order grids
// side by side, a legend that does not rely on colour, and a panel naming who reaches a cell.
import type { CellCount, CoverageView, Matrix } from '../../../generated/ts/types.js';
import { cellKey, cellState } from './cell-state.js';
import { section } from './data.js';
import { add, append, h, selectBox } from './dom.js';
import { matrixGrid, type GridHandlers } from './heatmap-grid.js';

function legend(): HTMLElement {
  const item = (state: string, glyph: string, text: string): HTMLElement => h('li', null, h('span', { class: `swatch cell ${state} heat-3`, 'aria-hidden': 'true' }, glyph), ` ${text}`);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('forbidden', '', 'forbidden (no such transition; empty hatched square)'),
    item('gap', 'never', 'allowed but never exercised: a coverage gap'),
    item('exercised', 'n', 'exercised n times (darker = more, log scale)'),
    item('diverged', '!', 'diverged at a step that took this transition'),
    item('illegal', '⚠', 'taken although the matrix forbids it'),
  );
}

function summaryLine(matrix: Matrix, view: CoverageView | undefined): string {
  const counts = new Map((view?.cells ?? []).map((c) => [cellKey(c), c]));
  const states = matrix.cells.map((c) => cellState(true, counts.get(cellKey(c))));
  const n = (s: string): number => states.filter((x) => x === s).length;
  const illegal = (view?.cells ?? []).filter((c) => !c.legal).length;
  return `${n('exercised') + n('diverged')} of ${matrix.cells.length} legal cells exercised, ${n('gap')} never exercised, ${n('diverged')} diverged${illegal > 0 ? `, ${illegal} illegal cells taken` : ''}`;
}

function details(panel: HTMLElement, cell: CellCount | undefined, sentence: string, description: string): void {
  const names = cell?.reached_by ?? [];
  const more = (cell?.reached_by_total ?? 0) - names.length;
  // Through append (which skips null), not replaceChildren's varargs, which print null as text.
  panel.replaceChildren();
  append(panel, [
    h('h3', null, sentence),
    description ? h('p', null, description) : null,
    names.length === 0
      ? h('p', { 'data-reached-by-none': '' }, 'No fixture or scenario reaches this cell.')
      : h('ul', { class: 'reached' }, names.map((name) => h('li', { 'data-reached-by': name }, h('a', { href: `#timelines/${encodeURIComponent(name)}` }, name)))),
    more > 0 ? h('p', null, `and ${more} more`) : null,
  ]);
}

export function renderHeatmaps(panel: HTMLElement): void {
  const { matrices, coverage } = section('matrices');
  const views = [...new Set(coverage.map((c) => c.view))];
  const body = h('div', { class: 'heatmaps' });
  const peek = h('p', { class: 'peek', 'aria-live': 'polite', id: 'cell-peek' }, 'Hover or focus a cell to see its count; press Enter or click to list who reaches it.');
  const picked = h('div', { class: 'cell-details', id: 'cell-details', 'aria-live': 'polite' });
  const draw = (name: string): void => {
    body.replaceChildren();
    picked.replaceChildren();
    const handlers: GridHandlers = {
      onPeek: (text) => (peek.textContent = text),
      onPick: (matrix, cell, key, sentence) => details(picked, cell, sentence, matrix.cells.find((c) => cellKey(c) === key)?.description ?? ''),
    };
    for (const matrix of matrices) {
      const view = coverage.find((c) => c.view === name && c.machine === matrix.machine);
      body.append(
        h(
          'figure',
          { class: 'matrix', 'data-machine': matrix.machine, 'data-summary': summaryLine(matrix, view) },
          h('figcaption', null, h('strong', null, `${matrix.machine === 'SLOT' ? 'Slot' : 'Order'} matrix`), ` (${name || 'no coverage input'}): ${summaryLine(matrix, view)}`, view ? h('span', { class: 'muted note' }, view.note) : null),
          h('div', { class: 'scroll' }, matrixGrid(matrix, view, handlers)),
        ),
      );
    }
  };
  const first = views[0] ?? '';
  add(panel, 
    h('h2', null, 'Matrix coverage'),
    views.length > 0 ? selectBox('Implementation or run:', views.map((v) => ({ value: v, text: v })), first, draw, 'coverage-view') : h('p', null, 'No parity or fuzz input: every legal cell shows as never exercised.'),
    legend(),
    peek,
    body,
    picked,
  );
  draw(first);
}
