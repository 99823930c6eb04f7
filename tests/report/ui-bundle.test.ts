import { describe, expect, it } from 'vitest';
import { renderPage, scriptSafeJson, SECTIONS } from '../../src/report/html-page.js';
import { UI_BUNDLE_BYTES_MAX, uiBundle } from '../../src/report/ui-bundle.js';
import type { ReportData } from '../../generated/ts/types.js';

const empty: ReportData = { report_data_version: 1, title: 'a </script><b> title', inputs: [], gates: [], matrices: [], coverage: [], divergences: [], divergence_groups_total: 0, timelines: [], findings: [], history: [] };

describe('report page', () => {
  it('keeps the UI script within its stated budget (raw bytes: file:// gets no compression)', async () => {
    const script = await uiBundle();
    expect(Buffer.byteLength(script)).toBeLessThanOrEqual(UI_BUNDLE_BYTES_MAX);
    expect(Buffer.byteLength(script)).toBeGreaterThan(5_000);
    // No fetch, no import of anything at run time.
    expect(script).not.toMatch(/\bfetch\(|XMLHttpRequest|import\(/);
  });

  it('cannot be broken out of by data: no </script> and no HTML from the title', async () => {
    const html = renderPage({ ...empty, findings: [{ source: 'compat', severity: 'info', rule: '</script><script>alert(1)</script>', where: '', message: '<!--' }] }, await uiBundle());
    expect(html.match(/<\/script>/g)).toHaveLength(Object.keys(SECTIONS).length + 1);
    expect(html).toContain('<title>a &lt;/script&gt;&lt;b&gt; title</title>');
    expect(scriptSafeJson('</script>\u2028')).toBe('"\\u003c/script>\\u2028"');
  });

  it('puts every field of the data in exactly one lazily decoded section', () => {
    const fields = Object.values(SECTIONS).flat().sort();
    expect(fields).toEqual(Object.keys(empty).sort());
  });
});
