/**
 * Bench section `contracts`: validations per second of an EnterIntent and of a CoreSnapshot
 * with four slots (the ahead-of-time ajv validators, the validation API over them, and a
 * typebox-compiled check of the same raw schema beside them), and the wall time of a full
 * in-process codegen (load, lint, data checks, every generator).
 */
import { Compile } from 'typebox/schema';
import { generateAll } from '../../codegen/generate.js';
import { loadSchemaSet } from '../../codegen/schema-set.js';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as validators from '../../generated/ts/validators.js';
import * as allErrorsValidators from '../../generated/ts/validators-all-errors.js';
import type { CoreSnapshot, EnterIntent, KernelConfig } from '../../generated/ts/types.js';
import { validate } from '../../src/contracts/index.js';
import { createKernel } from '../../src/kernel/index.js';
import { opsPerSecond, wallMs } from './kit/measure.js';
import type { BenchContext, BenchSection } from './kit/types.js';

const ENTER: EnterIntent = {
  action: 'ENTER',
  intent_id: 'T-000042-in',
  ts: 1_700_000_000_000,
  slot_id: 3,
  trade_id: 'T-000042',
  asset: 'BTC-USDT',
  side: 'LONG',
  order_type: 'LIMIT',
  limit_price: 64_123.5,
  target_size: 0.25,
  leverage: 5,
  exit_leg_ratios: [0.5, 0.3, 0.2],
};

const CONFIG: KernelConfig = {
  slot_count: 4,
  seed_capital: 10_000,
  seen_event_ids_max: 64,
  reconcile_tolerance: 0.01,
  exchange: { taker_rate: 0.0005, maker_rate: 0.0002, fee_calibration_alpha: 0.1 },
  control: { mode: 'backtest', verbosity: 'NORMAL' },
};

/** A snapshot of four slots, three of them trading, taken from the reference kernel. */
function sampleSnapshot(): CoreSnapshot {
  const kernel = createKernel(CONFIG);
  for (let slot = 0; slot < 3; slot++) {
    const trade = `T-${slot}`;
    kernel.intent({ ...ENTER, slot_id: slot, trade_id: trade, intent_id: `${trade}-in` });
    const base = { event_id: `${trade}-e1`, ts: ENTER.ts + 1, slot_id: slot, trade_id: trade, order_id: `${trade}#1` };
    kernel.venueEvent({ kind: 'ORDER_ACK', ...base });
    kernel.venueEvent({ kind: 'PARTIAL_FILL', ...base, event_id: `${trade}-e2`, price: 64_120.25, size: 0.1 });
  }
  return kernel.snapshot();
}

function schemaById(id: string): object {
  const set = loadSchemaSet(process.cwd());
  const file = set.files.find((candidate) => candidate.schema.$id === id);
  if (file === undefined) throw new Error(`contracts bench: no schema ${id}`);
  return file.schema;
}

/** An EnterIntent with three faults (a bad type, a bad enum value, a missing property). */
const BAD_ENTER: unknown = { ...ENTER, target_size: 'ten', side: 'SIDEWAYS', leverage: undefined };

/** Median wall time of a fresh `node` importing one module (its parse and evaluation cost). */
function importMs(root: string, file: string, rounds: number): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(join(root, file))})`], { cwd: root, stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`contracts bench: importing ${file} failed`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** The allErrors validator set (validate(..., { allErrors: true })) against the first-error one. */
function allErrorsRows(ctx: BenchContext): { rows: BenchSection['rows']; ratios: NonNullable<BenchSection['ratios']> } {
  const window = { windowMs: ctx.windowMs };
  ctx.log('contracts: allErrors');
  const firstValid = opsPerSecond(() => validators.EngineIntent(ENTER), window);
  const allValid = opsPerSecond(() => allErrorsValidators.EngineIntent(ENTER), window);
  const firstInvalid = opsPerSecond(() => validate('EngineIntent', BAD_ENTER), window);
  const allInvalid = opsPerSecond(() => validate('EngineIntent', BAD_ENTER, { allErrors: true }), window);
  const rounds = ctx.quick ? 3 : 7;
  const firstImport = importMs(ctx.root, 'generated/ts/validators.js', rounds);
  const allImport = importMs(ctx.root, 'generated/ts/validators-all-errors.js', rounds);
  const kb = (file: string) => statSync(join(ctx.root, file)).size / 1024;
  return {
    rows: [
      { name: 'allErrors set, valid EnterIntent', value: allValid, unit: 'checks/s' },
      { name: 'validate() first error, invalid EnterIntent (3 faults)', value: firstInvalid, unit: 'checks/s' },
      { name: 'validate() allErrors, invalid EnterIntent (3 faults)', value: allInvalid, unit: 'checks/s' },
      { name: 'fresh node importing validators.js', value: firstImport, unit: 'ms', note: `${kb('generated/ts/validators.js').toFixed(0)} KiB` },
      { name: 'fresh node importing validators-all-errors.js', value: allImport, unit: 'ms', note: `${kb('generated/ts/validators-all-errors.js').toFixed(0)} KiB; loaded by every importer of the package` },
    ],
    ratios: [
      { name: 'valid EnterIntent, first-error / allErrors set', value: firstValid / allValid },
      { name: 'invalid EnterIntent, first error / allErrors', value: firstInvalid / allInvalid },
    ],
  };
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const set = loadSchemaSet(ctx.root);
  const context: Record<string, object> = {};
  for (const file of set.files) context[file.schema.$id] = file.schema;
  const typeboxIntent = Compile(context, schemaById('https://lockstep.dev/schemas/v1/engine_intent.schema.json') as never);
  const typeboxSnapshot = Compile(context, schemaById('https://lockstep.dev/schemas/v1/core_snapshot.schema.json') as never);
  const snapshot = sampleSnapshot();
  // A figure of a validator that refuses its sample would be meaningless: check first.
  for (const [name, ok] of [
    ['ajv intent', validators.EngineIntent(ENTER)],
    ['typebox intent', typeboxIntent.Check(ENTER)],
    ['ajv snapshot', validators.CoreSnapshot(snapshot)],
    ['typebox snapshot', typeboxSnapshot.Check(snapshot)],
  ] as const) {
    if (!ok) throw new Error(`contracts bench: ${name} refuses its sample`);
  }
  const window = { windowMs: ctx.windowMs };
  ctx.log('contracts: EnterIntent');
  const ajvIntent = opsPerSecond(() => validators.EngineIntent(ENTER), window);
  const apiIntent = opsPerSecond(() => validate('EngineIntent', ENTER).ok, window);
  const tbIntent = opsPerSecond(() => typeboxIntent.Check(ENTER), window);
  ctx.log('contracts: CoreSnapshot');
  const ajvSnapshot = opsPerSecond(() => validators.CoreSnapshot(snapshot), window);
  const tbSnapshot = opsPerSecond(() => typeboxSnapshot.Check(snapshot), window);
  ctx.log('contracts: codegen');
  const codegenMs: number[] = [];
  for (let round = 0; round < (ctx.quick ? 1 : 3); round++) codegenMs.push(await wallMs(() => generateAll(loadSchemaSet(ctx.root))));
  codegenMs.sort((a, b) => a - b);
  const codegen = codegenMs[Math.floor(codegenMs.length / 2)] ?? 0;
  const allErrors = allErrorsRows(ctx);
  return {
    title: 'Contract validation and codegen',
    rows: [
      { name: 'ajv standalone, EnterIntent', value: ajvIntent, unit: 'checks/s', note: 'target >= 5,000,000' },
      { name: 'validate() API, EnterIntent', value: apiIntent, unit: 'checks/s' },
      { name: 'typebox compiled, EnterIntent', value: tbIntent, unit: 'checks/s' },
      { name: 'ajv standalone, CoreSnapshot (4 slots)', value: ajvSnapshot, unit: 'checks/s' },
      { name: 'typebox compiled, CoreSnapshot (4 slots)', value: tbSnapshot, unit: 'checks/s' },
      { name: 'full codegen, in process (median)', value: codegen, unit: 'ms', note: 'target < 5000' },
      ...allErrors.rows,
    ],
    ratios: [
      { name: 'EnterIntent ajv / typebox', value: ajvIntent / tbIntent },
      { name: 'CoreSnapshot ajv / typebox', value: ajvSnapshot / tbSnapshot },
      ...allErrors.ratios,
    ],
  };
}
