// Machine formats: GitHub Actions annotations and a JUnit XML file (one test case per finding
// that can break, one per stale ack), for CI systems that show test results.
import { escapeData, escapeProperty } from '../report-formats/github.js';
import { xmlText as xml } from '../report-formats/junit.js';
import type { CompatReport } from './report.js';

export function formatGithub(report: CompatReport): string {
  const lines: string[] = [];
  for (const c of report.comparisons) {
    for (const f of c.findings) {
      if (f.severity === 'info') continue;
      const level = f.breaking ? 'error' : f.severity === 'warning' || f.acknowledged === undefined ? 'warning' : 'notice';
      lines.push(`::${level} file=${escapeProperty(`schemas/${f.schema}`)},title=${escapeProperty(f.rule)}::${escapeData(f.message)}`);
    }
  }
  for (const a of report.stale_acks) lines.push(`::error title=STALE_ACK::${escapeData(`ack ${a.rule} ${a.schema}#${a.pointer} matches no finding`)}`);
  return lines.join('\n');
}

export function formatJunit(report: CompatReport): string {
  const cases: string[] = [];
  let failures = 0;
  for (const c of report.comparisons) {
    for (const f of c.findings) {
      if (f.severity === 'info') continue;
      const name = xml(`${f.rule} ${f.new_pointer ?? f.old_pointer ?? ''}`);
      if (f.breaking) {
        failures++;
        cases.push(`    <testcase classname="compat.${xml(f.schema)}" name="${name}"><failure message="${xml(f.message)}">${xml(f.witness?.instance_json ?? '')}</failure></testcase>`);
      } else cases.push(`    <testcase classname="compat.${xml(f.schema)}" name="${name}"/>`);
    }
  }
  for (const a of report.stale_acks) {
    failures++;
    cases.push(`    <testcase classname="compat.acks" name="${xml(`${a.rule} ${a.schema}#${a.pointer}`)}"><failure message="stale ack"/></testcase>`);
  }
  if (cases.length === 0) cases.push('    <testcase classname="compat" name="compatible"/>');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lockstep compat" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="compat ${xml(report.mode)}" tests="${cases.length}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
