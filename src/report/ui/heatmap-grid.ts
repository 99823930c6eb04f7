// One matrix as a grid: states (from) as rows, triggers as columns; a grid cell holds one
// button per legal target state. Empty grid cells are forbidden. Arrow keys move between
// buttons; hover or focus shows the count, a click lists who reaches the cell.
import type { CellCount, CoverageView, Matrix } from '../../../generated/ts/types.js';
import { cellKey, cellSentence, cellState, heatLevel } from './cell-state.js';
import { h, srOnly } from './dom.js';

export interface GridHandlers {
  readonly onPeek: (text: string) => void;
  readonly onPick: (matrix: Matrix, cell: CellCount | undefined, key: string, sentence: string) => void;
}

function cellButton(matrix: Matrix, key: { from: string; trigger: string; to: string }, legal: boolean, count: CellCount | undefined, max: number, handlers: GridHandlers): HTMLButtonElement {
  const state = cellState(legal, count);
  const sentence = cellSentence(key, state, count);
  const n = count?.count ?? 0;
  const glyph = state === 'diverged' ? '! ' : state === 'illegal' ? '⚠ ' : '';
  const button = h(
    'button',
    {
      type: 'button',
      class: `cell ${state} heat-${state === 'exercised' ? heatLevel(n, max) : 0}`,
      'data-cell': cellKey(key),
      'data-state': state,
      'data-count': n,
      'aria-label': sentence,
      title: sentence,
      tabindex: -1,
    },
    h('span', { class: 'to', 'aria-hidden': 'true' }, `${glyph}→ ${key.to}`),
    h('span', { class: 'n', 'aria-hidden': 'true' }, state === 'gap' ? 'never' : String(n)),
  );
  button.addEventListener('mouseenter', () => handlers.onPeek(sentence));
  button.addEventListener('focus', () => handlers.onPeek(sentence));
  button.addEventListener('click', () => handlers.onPick(matrix, count, cellKey(key), sentence));
  return button;
}

function moveFocus(table: HTMLTableElement, e: KeyboardEvent): void {
  const buttons = [...table.querySelectorAll<HTMLButtonElement>('button.cell')];
  const current = buttons.indexOf(e.target as HTMLButtonElement);
  if (current < 0) return;
  const td = (b: HTMLElement): HTMLTableCellElement => b.closest('td')!;
  const pos = (b: HTMLElement): [number, number] => [(td(b).parentElement as HTMLTableRowElement).rowIndex, td(b).cellIndex];
  const [r, c] = pos(buttons[current]!);
  let target: HTMLButtonElement | undefined;
  if (e.key === 'ArrowRight') target = buttons[current + 1];
  else if (e.key === 'ArrowLeft') target = buttons[current - 1];
  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const down = e.key === 'ArrowDown';
    const rows = buttons.filter((b) => (down ? pos(b)[0] > r : pos(b)[0] < r));
    const byDistance = (b: HTMLButtonElement): number => Math.abs(pos(b)[0] - r) * 1000 + Math.abs(pos(b)[1] - c);
    target = rows.sort((a, b) => byDistance(a) - byDistance(b))[0];
  } else if (e.key === 'Home') target = buttons[0];
  else if (e.key === 'End') target = buttons.at(-1);
  if (target === undefined) return;
  e.preventDefault();
  buttons[current]!.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

export function matrixGrid(matrix: Matrix, view: CoverageView | undefined, handlers: GridHandlers): HTMLTableElement {
  const counts = new Map((view?.cells ?? []).map((c) => [cellKey(c), c]));
  const max = Math.max(0, ...(view?.cells ?? []).map((c) => c.count));
  const legal = new Set(matrix.cells.map(cellKey));
  const illegalSeen = (view?.cells ?? []).filter((c) => !legal.has(cellKey(c)));
  const headers = matrix.triggers.map((t) => h('th', { scope: 'col' }, h('span', null, t)));
  const rows = matrix.states.map((from) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, from),
      matrix.triggers.map((trigger) => {
        const legalHere = matrix.cells.filter((c) => c.from === from && c.trigger === trigger);
        const illegalHere = illegalSeen.filter((c) => c.from === from && c.trigger === trigger);
        const buttons = [...legalHere.map((c) => cellButton(matrix, c, true, counts.get(cellKey(c)), max, handlers)), ...illegalHere.map((c) => cellButton(matrix, c, false, c, max, handlers))];
        if (buttons.length === 0) return h('td', { class: 'forbidden', title: `${from} on ${trigger}: forbidden` }, srOnly('forbidden'));
        return h('td', null, buttons);
      }),
    ),
  );
  const table = h('table', { class: 'heatmap', 'data-machine': matrix.machine }, h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'corner' }, 'from \\ trigger'), headers)), h('tbody', null, rows));
  const first = table.querySelector<HTMLButtonElement>('button.cell');
  if (first) first.tabIndex = 0;
  table.addEventListener('keydown', (e) => moveFocus(table, e));
  return table;
}
