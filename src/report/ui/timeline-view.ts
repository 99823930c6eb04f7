// A fixture or scenario as lanes (one per slot, one per order) over its steps; each
// transition is a tick on its lane, divergent steps are marked. A table says the same in text.
import type { Timeline, TimelineTick } from '../../../generated/ts/types.js';
import { section } from './data.js';
import { add, h, selectBox, svg } from './dom.js';

const STEP_W = 124;
const LANE_H = 34;
const LEFT = 110;
const TOP = 44;

function lanesOf(t: Timeline): string[] {
  const lanes = [...new Set(t.ticks.map((k) => k.lane))];
  return lanes.sort((a, b) => (a.startsWith('slot') === b.startsWith('slot') ? (a < b ? -1 : 1) : a.startsWith('slot') ? -1 : 1));
}

function tick(k: TimelineTick, x: number, y: number, n: number): SVGElement {
  const dx = n * 8;
  return svg(
    'g',
    { class: `tick ${k.machine.toLowerCase()}`, 'data-tick': `${k.step} ${k.lane}` },
    svg('title', null, `step ${k.step}, ${k.lane}: ${k.from} -${k.trigger}-> ${k.to}`),
    svg('rect', { x: x - 5 + dx, y: y - 9, width: 10, height: 18, rx: 2 }),
    svg('text', { x: x + 8 + dx, y: y + 4, class: 'tick-label' }, k.to),
  );
}

function lanesSvg(t: Timeline): SVGElement {
  const lanes = lanesOf(t);
  const width = LEFT + Math.max(1, t.steps.length) * STEP_W + 40;
  const height = TOP + Math.max(1, lanes.length) * LANE_H + 10;
  const x = (step: number): number => LEFT + step * STEP_W + STEP_W / 2;
  const marks = t.marks.map((m) => svg('g', { class: 'mark' }, svg('title', null, `${m.implementation} diverged at step ${m.step} (${m.pointer || 'whole answer'})`), svg('rect', { x: x(Math.max(0, m.step)) - STEP_W / 2, y: 2, width: STEP_W, height: height - 4 }), svg('text', { x: x(Math.max(0, m.step)) - STEP_W / 2 + 3, y: height - 6 }, `! ${m.implementation}`)));
  const axis = t.steps.map((s) => svg('text', { x: x(s.index), y: 16, 'text-anchor': 'middle', class: 'axis' }, svg('title', null, s.label), `${s.index} ${s.op}`));
  const laneRows = lanes.map((lane, i) => svg('g', { class: 'lane' }, svg('line', { x1: LEFT, x2: width - 10, y1: TOP + i * LANE_H, y2: TOP + i * LANE_H }), svg('text', { x: 6, y: TOP + i * LANE_H + 4 }, lane)));
  const ticks = t.ticks.map((k, i) => {
    const before = t.ticks.slice(0, i).filter((o) => o.step === k.step && o.lane === k.lane).length;
    return tick(k, x(k.step), TOP + lanes.indexOf(k.lane) * LANE_H, before);
  });
  return svg('svg', { class: 'lanes', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${t.name}: ${t.steps.length} steps, ${lanes.length} lanes, ${t.ticks.length} transitions` }, marks, axis, laneRows, ticks);
}

function stepTable(t: Timeline): HTMLElement {
  return h(
    'table',
    { class: 'step-table' },
    h('caption', null, `Steps of ${t.name}`),
    h('thead', null, h('tr', null, ['step', 'request', 'transitions', 'divergence'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      t.steps.map((s) => {
        const marks = t.marks.filter((m) => m.step === s.index);
        return h(
          'tr',
          { 'data-step-row': s.index, class: marks.length > 0 ? 'divergent' : '' },
          h('td', null, s.index),
          h('td', null, s.label),
          h('td', null, t.ticks.filter((k) => k.step === s.index).map((k) => h('div', null, `${k.lane}: ${k.from} -${k.trigger}-> ${k.to}`))),
          h('td', null, marks.map((m) => `${m.implementation} at ${m.pointer || '(whole answer)'}`).join('; ')),
        );
      }),
    ),
  );
}

export function renderTimelines(panel: HTMLElement, chosen: string | undefined): void {
  const { timelines } = section('timelines');
  add(panel, h('h2', null, 'Timelines'));
  if (timelines.length === 0) {
    add(panel, h('p', null, 'No timelines: give a parity report (its fixtures are traced) or a fuzz report with regression fixtures.'));
    return;
  }
  const ordered = [...timelines].sort((a, b) => b.marks.length - a.marks.length || (a.name < b.name ? -1 : 1));
  const body = h('div', { class: 'timeline' });
  const draw = (name: string): void => {
    const t = timelines.find((x) => x.name === name);
    body.replaceChildren(t === undefined ? h('p', { role: 'alert' }, `No timeline named ${name}.`) : h('div', null, h('p', { class: 'muted' }, `${t.file}: ${t.steps.length} steps, ${t.ticks.length} transitions${t.marks.length > 0 ? `, diverged on ${t.marks.map((m) => m.implementation).join(', ')}` : ''}`), h('div', { class: 'scroll' }, lanesSvg(t)), stepTable(t)));
  };
  const start = chosen ?? ordered[0]!.name;
  add(panel, selectBox(`Fixture or scenario (${timelines.length}, divergent first):`, ordered.map((t) => ({ value: t.name, text: `${t.marks.length > 0 ? '! ' : ''}${t.name}` })), start, draw, 'timeline-pick'), body);
  draw(start);
}
