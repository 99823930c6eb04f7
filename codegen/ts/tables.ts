import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { enumValues } from '../model/enums.js';
import { DATA_SOURCES, type SchemaSet } from '../schema-set.js';

export const TABLES_TS = 'generated/ts/tables.ts';

function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * The transition matrices and the mode policy as typed constants, with O(1) lookups and the
 * list of cells (for coverage reports). Data checked by codegen before it gets here.
 */
export function generateTables(set: SchemaSet): GeneratedFile[] {
  const cellId = (cell: { from: string; trigger: string; to: string }): string =>
    `${cell.from} --${cell.trigger}--> ${cell.to}`;
  const rulesByMode: Record<string, unknown> = {};
  for (const mode of enumValues(set, 'Mode')) {
    rulesByMode[mode] = set.modePolicy.rules.find((rule) => rule.mode === mode);
  }
  const p = new FilePrinter();
  p.print('// The legal transition matrices and the mode policy, typed with the generated enums.');
  p.print(
    "import type { Mode, ModePolicy, ModeRule, OrderMatrix, OrderStatus, SlotMatrix, TradeStage, Trigger } from './types.js';",
  );
  p.blank();
  p.print('/** Read-only all the way down: the tables are shared by every kernel instance. */');
  p.print('export type DeepReadonly<T> = T extends (infer E)[]');
  p.print('  ? readonly DeepReadonly<E>[]');
  p.print('  : T extends object');
  p.print('    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }');
  p.print('    : T;');
  p.blank();
  p.print('/** One transition: the key of a matrix cell. */');
  p.print('export interface CellKey<State extends string> {');
  p.print('  readonly from: State;');
  p.print('  readonly trigger: Trigger;');
  p.print('  readonly to: State;');
  p.print('}');
  p.blank();
  p.print('/** Stable id of a cell, `FROM --TRIGGER--> TO`, as used in coverage reports. */');
  p.print('export function cellId<State extends string>(cell: CellKey<State>): string {');
  p.print('  return `${cell.from} --${cell.trigger}--> ${cell.to}`;');
  p.print('}');
  p.blank();
  p.print(`/** The slot matrix over TradeStage (${DATA_SOURCES.slotMatrix}). */`);
  p.print(`export const slotMatrix: DeepReadonly<SlotMatrix> = ${literal(set.slotMatrix)};`);
  p.blank();
  p.print(`/** The order matrix over OrderStatus (${DATA_SOURCES.orderMatrix}). */`);
  p.print(`export const orderMatrix: DeepReadonly<OrderMatrix> = ${literal(set.orderMatrix)};`);
  p.blank();
  p.print(`/** The mode policy (${DATA_SOURCES.modePolicy}). */`);
  p.print(`export const modePolicy: DeepReadonly<ModePolicy> = ${literal(set.modePolicy)};`);
  p.blank();
  p.print('/** Every slot cell id, in matrix order: the universe of slot-cell coverage. */');
  p.print(`export const slotCellIds: readonly string[] = ${literal(set.slotMatrix.cells.map(cellId))};`);
  p.blank();
  p.print('/** Every order cell id, in matrix order: the universe of order-cell coverage. */');
  p.print(`export const orderCellIds: readonly string[] = ${literal(set.orderMatrix.cells.map(cellId))};`);
  p.blank();
  p.print('const slotCellSet: ReadonlySet<string> = new Set(slotCellIds);');
  p.print('const orderCellSet: ReadonlySet<string> = new Set(orderCellIds);');
  p.blank();
  p.print('/** Whether `from --trigger--> to` is a cell of the slot matrix. */');
  p.print('export function isLegalSlotCell(from: TradeStage, trigger: Trigger, to: TradeStage): boolean {');
  p.print('  return slotCellSet.has(`${from} --${trigger}--> ${to}`);');
  p.print('}');
  p.blank();
  p.print('/** Whether `from --trigger--> to` is a cell of the order matrix. */');
  p.print('export function isLegalOrderCell(from: OrderStatus, trigger: Trigger, to: OrderStatus): boolean {');
  p.print('  return orderCellSet.has(`${from} --${trigger}--> ${to}`);');
  p.print('}');
  p.blank();
  p.print('/** Whether an order status is terminal (no cell leaves it). */');
  p.print('export function isTerminalOrderStatus(status: OrderStatus): boolean {');
  p.print('  return orderMatrix.terminal.includes(status);');
  p.print('}');
  p.blank();
  p.print('/** The rule of each mode; codegen checked that every mode has exactly one. */');
  p.print(`export const modeRules: { readonly [M in Mode]: DeepReadonly<ModeRule> } = ${literal(rulesByMode)};`);
  p.blank();
  p.print('/** The policy rule of a mode. */');
  p.print('export function modeRule(mode: Mode): DeepReadonly<ModeRule> {');
  p.print('  return modeRules[mode];');
  p.print('}');
  const sources = [DATA_SOURCES.slotMatrix, DATA_SOURCES.orderMatrix, DATA_SOURCES.modePolicy];
  return [p.toFile(TABLES_TS, preamble('ts', sources))];
}
