/**
 * Emits `generated/rust/tables.rs`: the slot and order transition matrices and the mode policy
 * of `schemas/data/` as Rust `const` tables with lookup functions (the one source of both
 * kernels' legal cells and mode differences).
 */
import { FilePrinter } from '../emit/generated-file.js';
import type { MatrixData, ModePolicyData, SchemaSet } from '../schema-set.js';
import { fieldName, utf16Compare, variantName } from './names.js';

function emitMatrix(out: FilePrinter, prefix: string, stateType: string, matrix: MatrixData): void {
  const state = (s: string): string => `${stateType}::${variantName(s)}`;
  const lower = prefix.toLowerCase();
  out.print(`/// Version of the ${lower} matrix.`);
  out.print(`pub const ${prefix}_MATRIX_VERSION: u64 = ${matrix.matrix_version};`);
  out.print(`/// Initial state of the ${lower} machine.`);
  out.print(`pub const ${prefix}_INITIAL: ${stateType} = ${state(matrix.initial)};`);
  out.print(`/// Terminal states of the ${lower} machine (no way out).`);
  out.print(`pub const ${prefix}_TERMINAL: &[${stateType}] = &[${matrix.terminal.map(state).join(', ')}];`);
  out.print(`/// Every legal cell of the ${lower} matrix, in data order.`);
  out.print(`pub const ${prefix}_CELLS: &[Cell<${stateType}>] = &[`);
  for (const cell of matrix.cells) {
    out.print(`    Cell { from: ${state(cell.from)}, trigger: Trigger::${variantName(cell.trigger)}, to: ${state(cell.to)} },`);
  }
  out.print('];');
  out.blank();
  out.print(`/// Whether \`from -trigger-> to\` is a cell of the ${lower} matrix.`);
  out.print(`pub fn is_legal_${lower}_cell(from: ${stateType}, trigger: Trigger, to: ${stateType}) -> bool {`);
  out.print(`    ${prefix}_CELLS.iter().any(|cell| cell.from == from && cell.trigger == trigger && cell.to == to)`);
  out.print('}');
  out.blank();
  out.print(`/// Whether the ${lower} matrix has any cell for \`from\` and \`trigger\`.`);
  out.print(`pub fn has_${lower}_cell(from: ${stateType}, trigger: Trigger) -> bool {`);
  out.print(`    ${prefix}_CELLS.iter().any(|cell| cell.from == from && cell.trigger == trigger)`);
  out.print('}');
  out.blank();
}

function emitModePolicy(out: FilePrinter, policy: ModePolicyData): void {
  out.print('/// Version of the mode policy.');
  out.print(`pub const MODE_POLICY_VERSION: u64 = ${policy.policy_version};`);
  out.print('/// The mode policy: one rule per mode, the only place modes differ.');
  out.print('pub const MODE_POLICY: &[ModeRule] = &[');
  for (const rule of policy.rules) {
    const fields = Object.keys(rule)
      .sort(utf16Compare)
      .map((key) => {
        const value = rule[key];
        if (key === 'mode') return `mode: Mode::${variantName(String(value))}`;
        if (typeof value === 'boolean') return `${fieldName(key)}: ${value}`;
        throw new Error(`mode policy: unsupported value for ${key}: ${JSON.stringify(value)}`);
      });
    out.print(`    ModeRule { ${fields.join(', ')} },`);
  }
  out.print('];');
  out.blank();
  out.print('/// The policy rule of a mode.');
  out.print('pub fn mode_rule(mode: Mode) -> &\'static ModeRule {');
  out.print('    match mode {');
  for (const [index, rule] of policy.rules.entries()) out.print(`        Mode::${variantName(String(rule.mode))} => &MODE_POLICY[${index}],`);
  out.print('    }');
  out.print('}');
  out.blank();
}

/** Emits the body of `tables.rs` (without the preamble). */
export function emitTables(set: SchemaSet): FilePrinter {
  const out = new FilePrinter();
  out.print('//! Transition matrices and the mode policy of `schemas/data/`, as Rust tables.');
  out.blank();
  out.print('use super::types::{Mode, ModeRule, OrderStatus, TradeStage, Trigger};');
  out.blank();
  out.print('/// One legal transition: `from -trigger-> to`.');
  out.print('#[derive(Debug, Clone, Copy, PartialEq, Eq)]');
  out.print('pub struct Cell<S: \'static> {');
  out.print('    /// State before.');
  out.print('    pub from: S,');
  out.print('    /// Cause.');
  out.print('    pub trigger: Trigger,');
  out.print('    /// State after.');
  out.print('    pub to: S,');
  out.print('}');
  out.blank();
  emitMatrix(out, 'SLOT', 'TradeStage', set.slotMatrix);
  emitMatrix(out, 'ORDER', 'OrderStatus', set.orderMatrix);
  emitModePolicy(out, set.modePolicy);
  return out;
}
