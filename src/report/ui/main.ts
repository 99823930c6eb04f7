// The report page: a header, five views as keyboard-navigable tabs, each view drawn the first
// time it is opened. The location hash names the view (#coverage), so views can be linked.
import css from './styles.css';
import { section } from './data.js';
import { h } from './dom.js';
import { renderDivergences } from './divergences-view.js';
import { renderGates } from './gates-view.js';
import { renderHeatmaps } from './heatmap-view.js';
import { renderTimelines } from './timeline-view.js';
import { renderTrends } from './trends-view.js';
import { themeToggle } from './theme.js';

interface View {
  readonly id: string;
  readonly title: string;
  readonly render: (panel: HTMLElement, arg: string | undefined) => void;
}

const VIEWS: readonly View[] = [
  { id: 'gates', title: 'Gates', render: (p) => renderGates(p) },
  { id: 'coverage', title: 'Matrix coverage', render: (p) => renderHeatmaps(p) },
  { id: 'divergences', title: 'Divergences', render: (p) => renderDivergences(p) },
  { id: 'timelines', title: 'Timelines', render: (p, arg) => renderTimelines(p, arg) },
  { id: 'trends', title: 'Trends', render: (p) => renderTrends(p) },
];

const tabs = new Map<string, HTMLButtonElement>();
const panels = new Map<string, HTMLElement>();
const drawn = new Set<string>();

function show(id: string, arg?: string): void {
  const view = VIEWS.find((v) => v.id === id) ?? VIEWS[0]!;
  for (const v of VIEWS) {
    const active = v.id === view.id;
    const tab = tabs.get(v.id)!;
    tab.setAttribute('aria-selected', String(active));
    tab.tabIndex = active ? 0 : -1;
    panels.get(v.id)!.hidden = !active;
  }
  const panel = panels.get(view.id)!;
  if (!drawn.has(view.id) || arg !== undefined) {
    panel.replaceChildren();
    view.render(panel, arg);
    drawn.add(view.id);
  }
  document.documentElement.dataset.view = view.id;
}

/** Navigates to a view (optionally with an argument, e.g. a timeline name). */
export function navigate(id: string, arg?: string): void {
  const hash = `#${id}${arg !== undefined ? `/${encodeURIComponent(arg)}` : ''}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
  show(id, arg);
  tabs.get(id)?.focus();
}

function fromHash(): void {
  const [id, arg] = location.hash.slice(1).split('/');
  show(id || 'gates', arg !== undefined ? decodeURIComponent(arg) : undefined);
}

function onTabKey(e: KeyboardEvent): void {
  const i = VIEWS.findIndex((v) => tabs.get(v.id) === e.target);
  const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? VIEWS.length - 1 : undefined;
  if (next === undefined) return;
  e.preventDefault();
  navigate(VIEWS[(next + VIEWS.length) % VIEWS.length]!.id);
}

function boot(): void {
  document.head.append(h('style', null, css));
  const summary = section('summary');
  const app = document.getElementById('app')!;
  const nav = h('div', { role: 'tablist', 'aria-label': 'Report views', class: 'tabs', onkeydown: onTabKey as EventListener });
  for (const v of VIEWS) {
    const tab = h('button', { role: 'tab', id: `tab-${v.id}`, 'aria-controls': `view-${v.id}`, type: 'button', onclick: () => navigate(v.id) }, v.title);
    tabs.set(v.id, tab);
    nav.append(tab);
    panels.set(v.id, h('section', { role: 'tabpanel', id: `view-${v.id}`, 'aria-labelledby': `tab-${v.id}`, class: 'view', tabindex: 0 }));
  }
  const inputs = summary.inputs.map((i) => `${i.file} (${i.kind.replace('_', ' ')}, ${i.records} record${i.records === 1 ? '' : 's'})`).join('; ');
  app.append(
    h('header', { class: 'top' }, h('div', null, h('h1', null, summary.title), h('p', { class: 'muted' }, inputs ? `Built from ${inputs}.` : 'Built from no inputs.')), themeToggle()),
    nav,
    h('main', null, [...panels.values()]),
  );
  addEventListener('hashchange', fromHash);
  fromHash();
}

try {
  boot();
} catch (error) {
  document.body.append(h('p', { role: 'alert', class: 'fatal' }, `The report could not be drawn: ${(error as Error).message}`));
  throw error;
}
