// Divergences grouped by signature. Each occurrence shows both answers side by side with the
// first differing pointer highlighted, the fixture's steps with the divergent one marked, and
// the command that reproduces it.
import type { DivergenceGroup, DivergenceItem, Timeline } from '../../../generated/ts/types.js';
import { section } from './data.js';
import { add, h } from './dom.js';
import { jsonView, revealMarks } from './json-view.js';

function actualSide(item: DivergenceItem): HTMLElement {
  if (item.actual_answer !== undefined) return jsonView(item.actual_answer, item.pointer, `answer of ${item.implementation}`);
  return h(
    'div',
    { class: 'json partial' },
    h('p', null, `Value at ${item.pointer || '(whole answer)'}:`),
    h('pre', null, h('mark', { class: 'diff', 'data-pointer': item.pointer }, item.actual || '(absent)')),
    h('p', { class: 'muted' }, 'The input records only the differing value of this side; rerun the command below to see the whole answer.'),
  );
}

function stepStrip(item: DivergenceItem, timeline: Timeline | undefined): HTMLElement | null {
  if (timeline === undefined) return null;
  return h(
    'ol',
    { class: 'steps', start: 0, 'aria-label': `steps of ${timeline.name}` },
    item.step < 0 ? h('li', { class: 'divergent', 'aria-current': 'step' }, 'configure (diverged here)') : null,
    timeline.steps.map((s) => h('li', { class: s.index === item.step ? 'divergent' : s.index > item.step ? 'after' : '', 'aria-current': s.index === item.step ? 'step' : undefined, 'data-step': s.index }, `${s.index}: ${s.label}`, s.index === item.step ? h('strong', null, ' ← diverged here') : null)),
  );
}

function occurrence(item: DivergenceItem, timelines: ReadonlyMap<string, Timeline>): HTMLElement {
  const timeline = item.timeline !== undefined ? timelines.get(item.timeline) : undefined;
  return h(
    'article',
    { class: 'occurrence', 'data-name': item.name, 'data-pointer': item.pointer, 'data-step': item.step },
    h('h4', null, `${item.name} on ${item.implementation}, step ${item.step < 0 ? 'configure' : item.step}${item.op ? ` (${item.op})` : ''}`),
    item.pointer !== '' || item.expected !== '' ? h('p', null, 'First differing pointer: ', h('code', { class: 'pointer' }, item.pointer || '(whole answer)'), ` expected ${item.expected}, actual ${item.actual}`) : h('p', null, item.actual),
    item.expected_answer !== undefined
      ? h('div', { class: 'sides' }, h('div', null, h('h5', null, 'Baseline answer'), jsonView(item.expected_answer, item.pointer, 'baseline answer')), h('div', null, h('h5', null, `${item.implementation} answer`), actualSide(item)))
      : null,
    stepStrip(item, timeline),
    timeline ? h('p', null, h('a', { href: `#timelines/${encodeURIComponent(timeline.name)}` }, `Timeline of ${timeline.name}`)) : null,
    h('p', null, 'Reproduce: ', h('code', { class: 'cmd' }, item.repro)),
  );
}

/** Groups drawn at a time. */
const GROUPS_PER_PAGE = 100;

/** A group draws its occurrences the first time it is opened: thousands of groups stay cheap. */
function group(g: DivergenceGroup, index: number, timelines: ReadonlyMap<string, Timeline>): HTMLElement {
  const details = h(
    'details',
    { class: 'group', 'data-signature': g.signature, 'data-occurrences': g.occurrences },
    h('summary', null, h('span', { class: `badge ${g.kind === 'known' ? 'absent' : 'fail'}` }, g.kind), ` ${g.signature} `, h('span', { class: 'muted' }, `${g.occurrences} occurrence(s)${g.occurrences > g.items.length ? `, first ${g.items.length} shown` : ''}`)),
  );
  let drawn = false;
  details.addEventListener('toggle', () => {
    if (details.open && !drawn) {
      drawn = true;
      add(details, g.items.map((item) => occurrence(item, timelines)));
    }
    revealMarks(details);
  });
  details.open = index === 0;
  return details;
}

export function renderDivergences(panel: HTMLElement): void {
  const { divergences, divergence_groups_total: groups } = section('divergences');
  add(panel, h('h2', null, 'Divergences'));
  if (divergences.length === 0) {
    add(panel, h('p', { 'data-empty': '' }, 'No divergences: every implementation answered like its baseline.'));
    return;
  }
  const timelines = new Map(section('timelines').timelines.map((t) => [t.name, t]));
  const total = divergences.reduce((n, g) => n + g.occurrences, 0);
  const list = h('div', { class: 'groups' });
  const more = h('button', { type: 'button', class: 'more' });
  let shown = 0;
  // Groups are drawn a page at a time: a campaign with thousands of signatures stays quick to open.
  const showMore = (): void => {
    const next = divergences.slice(shown, shown + GROUPS_PER_PAGE);
    add(list, next.map((g, i) => group(g, shown + i, timelines)));
    shown += next.length;
    more.textContent = `Show ${Math.min(GROUPS_PER_PAGE, divergences.length - shown)} more groups (${divergences.length - shown} not shown)`;
    more.hidden = shown >= divergences.length;
  };
  more.addEventListener('click', showMore);
  add(panel, h('p', null, `${total} occurrence(s) in ${groups} signature group(s), most frequent first${groups > divergences.length ? `; the ${divergences.length} most frequent are in this page` : ''}.`), list, more);
  showMore();
  // The panel is laid out only after it is shown: scroll the answers to their marks then.
  requestAnimationFrame(() => revealMarks(panel));
}
