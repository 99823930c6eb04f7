// The gates: one card per gate with its verdict in words (not only colour), the numbers, and
// the exact command that reproduces each red item. Compat and journal findings follow.
import type { Finding, Gate } from '../../../generated/ts/types.js';
import { section } from './data.js';
import { add, formatCount, h } from './dom.js';

const VERDICT: Record<Gate['status'], string> = { pass: 'PASS', fail: 'FAIL', absent: 'NOT RUN' };

function gateCard(g: Gate): HTMLElement {
  return h(
    'article',
    { class: `gate ${g.status}`, 'data-gate': g.gate, 'data-subject': g.subject, 'data-status': g.status },
    h('h3', null, h('span', { class: `badge ${g.status}` }, VERDICT[g.status]), ` ${g.gate}: ${g.subject}`),
    h('p', null, g.summary),
    g.metrics.length > 0 ? h('dl', { class: 'metrics' }, g.metrics.map((m) => h('div', { 'data-metric': m.name }, h('dt', null, m.name), h('dd', null, formatCount(m.value))))) : null,
    g.red.length > 0
      ? h(
          'div',
          { class: 'red' },
          h('h4', null, `Reproduce (${g.red_total} failing${g.red_total > g.red.length ? `, first ${g.red.length} shown` : ''})`),
          h('ol', null, g.red.map((r) => h('li', { 'data-red': '' }, h('span', null, r.what), h('code', { class: 'cmd' }, r.command)))),
        )
      : null,
  );
}

function findingsTable(findings: readonly Finding[]): HTMLElement {
  return h(
    'table',
    { class: 'findings' },
    h('caption', null, `Compat findings and journal differences (${findings.length})`),
    h('thead', null, h('tr', null, ['severity', 'source', 'rule', 'where', 'what'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, findings.map((f) => h('tr', { class: f.severity, 'data-finding': f.rule }, h('td', null, f.severity), h('td', null, f.source), h('td', null, h('code', null, f.rule)), h('td', null, f.where), h('td', null, f.message)))),
  );
}

export function renderGates(panel: HTMLElement): void {
  const { gates, findings } = section('summary');
  const failing = gates.filter((g) => g.status === 'fail').length;
  add(panel, 
    h('h2', null, 'Gates'),
    h('p', { class: failing > 0 ? 'verdict fail' : 'verdict pass', 'data-failing': failing }, failing > 0 ? `${failing} gate(s) failing: not safe to release.` : 'Every gate that ran passed.'),
    h('div', { class: 'gates' }, gates.map(gateCard)),
    findings.length > 0 ? findingsTable(findings) : null,
  );
}
