// JUnit XML (the dialect CI systems read: testsuites > testsuite > testcase > failure).
import type { CheckResult } from './check-result.js';

/** XML 1.0 text: escapes markup and drops the control characters XML cannot hold. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

export function toJunit(tool: string, results: readonly CheckResult[]): string {
  const suites = new Map<string, CheckResult[]>();
  for (const r of results) suites.set(r.suite, [...(suites.get(r.suite) ?? []), r]);
  const failures = results.filter((r) => !r.ok).length;
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="${xmlText(tool)}" tests="${results.length}" failures="${failures}">`];
  for (const [suite, cases] of suites) {
    const time = cases.reduce((t, c) => t + (c.timeMs ?? 0), 0);
    out.push(`  <testsuite name="${xmlText(suite)}" tests="${cases.length}" failures="${cases.filter((c) => !c.ok).length}" time="${seconds(time)}">`);
    for (const c of cases) {
      const file = c.file === undefined ? '' : ` file="${xmlText(c.file)}"`;
      const open = `    <testcase classname="${xmlText(`${tool}.${suite}`)}" name="${xmlText(c.name)}"${file} time="${seconds(c.timeMs)}"`;
      if (c.ok) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`, `      <failure message="${xmlText(c.message ?? 'failed')}">${xmlText(c.detail ?? c.message ?? '')}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}
