import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contracts/validate.js';
import { buildReportData } from '../../src/report/build-report-data.js';
import { loadInputs } from '../../src/report/load-inputs.js';
import { DIVERGENT_POINTER, DIVERGENT_STEP, FIXTURE_A, FIXTURE_B, FUZZ_SIGNATURE, ILLEGAL_CELL, REPRO_B, writeSampleInputs } from './support/sample-inputs.js';

const repoRoot = join(import.meta.dirname, '../..');
const files = writeSampleInputs(mkdtempSync(join(tmpdir(), 'report-data-')), repoRoot);
const built = await buildReportData(await loadInputs(Object.values(files), repoRoot), { cwd: repoRoot, title: 't', label: 'this-run' });
const { data } = built;
const cell = (view: string, machine: 'SLOT' | 'ORDER', key: string) => data.coverage.find((c) => c.view === view && c.machine === machine)?.cells.find((c) => `${c.from} -${c.trigger}-> ${c.to}` === key);

describe('report data', () => {
  it('matches its own schema', () => {
    const result = validate('ReportData', data);
    expect(result.ok).toBe(true);
  });

  it('judges every gate from its input', () => {
    const status = Object.fromEntries(data.gates.map((g) => [`${g.gate} ${g.subject}`, g.status]));
    expect(status).toEqual({
      'parity ts-in-process': 'pass',
      'parity rust': 'fail',
      'fuzz seed 11, all': 'fail',
      'compat v0.1.0': 'fail',
      'replay golden/a.journal vs run/a.journal': 'fail',
    });
    const rust = data.gates.find((g) => g.subject === 'rust')!;
    expect(rust.red).toEqual([{ what: `${FIXTURE_B.name}: diverged at step ${DIVERGENT_STEP} ${DIVERGENT_POINTER}`, command: REPRO_B }]);
    const fuzz = data.gates.find((g) => g.gate === 'fuzz')!;
    expect(Object.fromEntries(fuzz.metrics.map((m) => [m.name, m.value]))).toMatchObject({ scenarios: 100, 'signatures new': 0, 'signatures known': 1, 'signatures fixed': 1 });
    expect(data.gates.find((g) => g.gate === 'compat')!.red_total).toBe(1);
  });

  it('counts cells up to the first divergence and marks the divergent step\'s cells', () => {
    expect(cell('parity: ts-in-process', 'SLOT', 'IDLE -ENTER-> ORDER_REQUESTED')).toMatchObject({ count: 2, diverged: false, reached_by: [FIXTURE_A.name, FIXTURE_B.name] });
    expect(cell('parity: rust', 'SLOT', 'EXIT_REQUESTED -ORDER_ACK-> EXIT_WORKING')).toMatchObject({ count: 0, diverged: true, reached_by: [FIXTURE_B.name] });
    expect(cell('parity: ts-in-process', 'SLOT', 'EXIT_REQUESTED -ORDER_ACK-> EXIT_WORKING')).toMatchObject({ count: 1, diverged: false });
    expect(cell('parity: rust', 'SLOT', 'POSITION_OPEN -EXIT-> EXIT_REQUESTED')).toMatchObject({ count: 1 });
    expect(cell('parity: rust', 'ORDER', 'PARTIALLY_FILLED -CANCEL-> CANCEL_PENDING')).toBeUndefined();
  });

  it('merges fuzz shards and keeps a cell the matrix forbids', () => {
    expect(cell('fuzz: seed 11, all', 'SLOT', 'IDLE -ENTER-> ORDER_REQUESTED')).toMatchObject({ count: 42, legal: true });
    expect(cell('fuzz: seed 11, all', 'SLOT', ILLEGAL_CELL)).toMatchObject({ count: 1, legal: false });
  });

  it('groups divergences by signature with both answers and the repro', () => {
    const parity = data.divergences.find((g) => g.source === 'parity')!;
    expect(parity.signature).toBe('parity rust diverged on venue_event at /result/outcome/transitions/*/to');
    const item = parity.items[0]!;
    expect(item).toMatchObject({ name: FIXTURE_B.name, step: DIVERGENT_STEP, pointer: DIVERGENT_POINTER, repro: REPRO_B, timeline: FIXTURE_B.name });
    expect(JSON.parse(item.expected_answer!).result.outcome.transitions[1].to).toBe('EXIT_WORKING');
    expect(JSON.parse(item.actual_answer!).result.outcome.transitions[1].to).toBe('POSITION_OPEN');
    expect(data.divergences.find((g) => g.source === 'fuzz')!.signature).toBe(`fuzz ${FUZZ_SIGNATURE}`);
  });

  it('traces each fixture once as a timeline, with its divergent step marked', () => {
    expect(data.timelines.map((t) => t.name)).toEqual([FIXTURE_A.name, FIXTURE_B.name]);
    const b = data.timelines[1]!;
    expect(b.steps).toHaveLength(10);
    expect(b.ticks).toHaveLength(13);
    expect(b.marks).toEqual([{ implementation: 'rust', step: DIVERGENT_STEP, pointer: DIVERGENT_POINTER }]);
    expect(new Set(b.ticks.map((t) => t.lane))).toEqual(new Set(['slot 0', 'order T1#1', 'order T1#2']));
  });

  it('adds this run to the history', () => {
    expect(data.history.map((p) => p.label)).toEqual(['nightly-1', 'nightly-2', 'this-run']);
    expect(built.historyLine).toMatchObject({ label: 'this-run', parity_cases: 4, parity_failed: 1, scenarios: 100, signatures: [`fuzz ${FUZZ_SIGNATURE}`] });
    expect(validate('ReportHistoryLine', built.historyLine).ok).toBe(true);
  });
});
