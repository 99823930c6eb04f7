import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/build-report-data.js';
import { loadInputs } from '../../src/report/load-inputs.js';

const repoRoot = join(import.meta.dirname, '../..');
// A trimmed `lockstep compat --format json` output (3 breaking findings, 2 not), checked against
// schemas/compat_report.schema.json when read: a change of that contract shows up here.
const sample = join(import.meta.dirname, 'support/compat-sample.json');
const dir = mkdtempSync(join(tmpdir(), 'report-compat-'));

describe('compat reports as the compat gate', () => {
  it('fails on breaking findings that no ack covers and lists each with the command', async () => {
    const { data } = await buildReportData(await loadInputs([sample], repoRoot), { cwd: repoRoot, title: 't' });
    const gate = data.gates.find((g) => g.gate === 'compat')!;
    expect(gate).toMatchObject({ status: 'fail', subject: 'release 0.1.0', red_total: 3 });
    expect(gate.red[0]!.command).toBe('lockstep compat --format json');
    expect(data.findings.map((f) => f.severity)).toEqual(['breaking', 'breaking', 'breaking', 'info', 'info']);
  });

  it('passes when every break is acknowledged, and fails on a stale ack', async () => {
    const report = JSON.parse(readFileSync(sample, 'utf8')) as { findings: { breaking: boolean; acknowledged?: string }[]; stale_acks: unknown[] };
    for (const f of report.findings) if (f.breaking) Object.assign(f, { breaking: false, acknowledged: 'accepted for 1.0' });
    writeFileSync(join(dir, 'acked.json'), JSON.stringify(report));
    report.stale_acks = [{ rule: 'ENUM_VALUE_REMOVED', schema: 'vocabulary.schema.json', pointer: '/$defs/X', reason: 'old' }];
    writeFileSync(join(dir, 'stale.json'), JSON.stringify(report));
    const { data } = await buildReportData(await loadInputs([join(dir, 'acked.json'), join(dir, 'stale.json')], repoRoot), { cwd: repoRoot, title: 't' });
    const gates = data.gates.filter((g) => g.gate === 'compat');
    expect(gates.map((g) => g.status)).toEqual(['pass', 'fail']);
    expect(gates[1]!.red[0]!.what).toContain('stale ack: ENUM_VALUE_REMOVED');
  });

  it('passes as the release gate did when pending major changesets cover the breaks, which stay listed; a stale ack still fails', async () => {
    const report = JSON.parse(readFileSync(sample, 'utf8')) as { covered_by_changesets?: string[]; stale_acks: unknown[] };
    report.covered_by_changesets = ['.changeset/drop-short.md'];
    writeFileSync(join(dir, 'covered.json'), JSON.stringify(report));
    report.stale_acks = [{ rule: 'ENUM_VALUE_REMOVED', schema: 'vocabulary.schema.json', pointer: '/$defs/X', reason: 'old' }];
    writeFileSync(join(dir, 'covered-stale.json'), JSON.stringify(report));
    const { data } = await buildReportData(await loadInputs([join(dir, 'covered.json'), join(dir, 'covered-stale.json')], repoRoot), { cwd: repoRoot, title: 't' });
    const [covered, stale] = data.gates.filter((g) => g.gate === 'compat');
    expect(covered).toMatchObject({ status: 'pass', red_total: 0 });
    expect(covered!.summary).toContain('3 breaking (not acked), covered by the pending major changeset(s) .changeset/drop-short.md');
    expect(data.findings.filter((f) => f.severity === 'breaking')).toHaveLength(6);
    expect(stale).toMatchObject({ status: 'fail', red_total: 1 });
  });
});
