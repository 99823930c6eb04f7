// The one HTML file: a shell, the bundled script, and the data in four JSON sections the page
// decodes only when a view first needs them (a large fuzz campaign still opens quickly).
import type { ReportData } from '../../generated/ts/types.js';

/** The sections the data is split into, and what each holds. */
export const SECTIONS = {
  summary: ['report_data_version', 'title', 'inputs', 'gates', 'findings', 'history'],
  matrices: ['matrices', 'coverage'],
  divergences: ['divergences', 'divergence_groups_total'],
  timelines: ['timelines'],
} as const satisfies Record<string, readonly (keyof ReportData)[]>;

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside <script>: no `</script`, no `<!--`, no U+2028/2029 surprises. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function section(name: string, data: ReportData, keys: readonly (keyof ReportData)[]): string {
  const picked = Object.fromEntries(keys.map((k) => [k, data[k]]));
  return `<script type="application/json" id="data-${name}">${scriptSafeJson(picked)}</script>`;
}

export function renderPage(data: ReportData, script: string): string {
  const sections = Object.entries(SECTIONS).map(([name, keys]) => section(name, data, keys));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="lockstep-report-data-version" content="${data.report_data_version}">`,
    // Nothing may leave the page: no network at all, inline script and styles only.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(data.title)}</title>`,
    '</head>',
    '<body>',
    `<noscript>This report needs JavaScript to draw its views; its data is in the JSON sections of this file (schemas/report_data.schema.json).</noscript>`,
    '<div id="app"></div>',
    ...sections,
    `<script>${script.replace(/<\/script/gi, '<\\/script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
