// The embedded data, decoded one section at a time on first use. The names of the decoded
// sections are kept on <html data-decoded> so a test can see what opening the page cost.
import type { ReportData } from '../../../generated/ts/types.js';

export type Summary = Pick<ReportData, 'report_data_version' | 'title' | 'inputs' | 'gates' | 'findings' | 'history'>;
export type Matrices = Pick<ReportData, 'matrices' | 'coverage'>;
export type Divergences = Pick<ReportData, 'divergences' | 'divergence_groups_total'>;
export type Timelines = Pick<ReportData, 'timelines'>;

interface Sections {
  summary: Summary;
  matrices: Matrices;
  divergences: Divergences;
  timelines: Timelines;
}

const cache = new Map<keyof Sections, unknown>();

export function section<K extends keyof Sections>(name: K): Sections[K] {
  if (!cache.has(name)) {
    const el = document.getElementById(`data-${name}`);
    if (el === null) throw new Error(`the page has no data section "${name}"`);
    cache.set(name, JSON.parse(el.textContent ?? 'null'));
    document.documentElement.dataset.decoded = [...cache.keys()].join(' ');
  }
  return cache.get(name) as Sections[K];
}
