/**
 * Emits `generated/rust/protocol_edge.rs`: the protocol edge (`schemas/data/protocol.edge.json`)
 * as Rust constants and matches, the twin of `generated/ts/protocol-edge.ts`.
 */
import { FilePrinter } from '../emit/generated-file.js';
import { constantName, edgeModel } from '../model/protocol-edge.js';
import type { SchemaSet } from '../schema-set.js';
import { rustF64, rustString, variantName } from './names.js';

function strings(values: readonly string[]): string {
  return values.map(rustString).join(', ');
}

function emitLimits(out: FilePrinter, set: SchemaSet): void {
  const edge = set.protocolEdge;
  out.print('/// The protocol version both servers speak.');
  out.print(`pub const PROTOCOL_VERSION: &str = ${rustString(edge.protocol_version)};`);
  out.print('/// Its major version: a client\'s major must equal it.');
  out.print(`pub const PROTOCOL_MAJOR: u64 = ${edge.protocol_major};`);
  for (const limit of edge.limits) {
    const value = limit.rust_type === 'f64' ? rustF64(limit.value) : String(limit.value);
    out.print(`/// ${limit.description}`);
    out.print(`pub const ${constantName(limit.name)}: ${limit.rust_type} = ${value};`);
  }
  out.print('/// Object keys refused anywhere in a request.');
  out.print(`pub const FORBIDDEN_KEYS: [&str; ${edge.forbidden_keys.length}] = [${strings(edge.forbidden_keys)}];`);
  out.print('/// Every op served, sorted: the capabilities of the hello response.');
  out.print(`pub const CAPABILITIES: [&str; ${edge.ops.length}] = [${strings(edge.ops)}];`);
  out.print('/// Fields parity compares on error responses (dotted paths).');
  out.print(`pub const PARITY_ERROR_FIELDS: &[&str] = &[${strings(edge.parity.error_fields)}];`);
  out.print('/// Fields parity compares on hello responses (dotted paths).');
  out.print(`pub const PARITY_HELLO_FIELDS: &[&str] = &[${strings(edge.parity.hello_fields)}];`);
  out.print('/// How a message says where: the whole message.');
  out.print(`pub const LOCATED_MESSAGE: &str = ${rustString(edge.located.message)};`);
  out.print('/// Where, for an error about the whole line.');
  out.print(`pub const LOCATED_LINE: &str = ${rustString(edge.located.line)};`);
  out.print('/// Where, for an error with a JSON pointer.');
  out.print(`pub const LOCATED_LINE_PATH: &str = ${rustString(edge.located.line_path)};`);
  out.print('/// The message of the INTERNAL_ERROR answered when a response cannot be written (plain ASCII).');
  out.print(`pub const FALLBACK_MESSAGE: &str = ${rustString(edge.fallback_message)};`);
  out.print('/// Ends a message or a quoted value cut by code points.');
  out.print(`pub const TRUNCATION_MARK: &str = ${rustString(edge.truncation_mark)};`);
  out.blank();
}

function emitChecks(out: FilePrinter, set: SchemaSet): void {
  out.print('/// One line check: its number, its code, the protocol file that runs it.');
  out.print('#[derive(Debug, Clone, Copy, PartialEq, Eq)]');
  out.print('pub struct LineCheck {');
  out.print('    /// Its number in docs/protocol.md.');
  out.print('    pub check: u64,');
  out.print('    /// The code it answers with.');
  out.print('    pub code: ErrorCode,');
  out.print('    /// The protocol file that runs it (`line_reader`, `read_request`, `session`).');
  out.print('    pub layer: &\'static str,');
  out.print('}');
  out.print('/// The line checks in order.');
  out.print('pub const LINE_CHECKS: &[LineCheck] = &[');
  for (const c of set.protocolEdge.checks) {
    out.print(`    LineCheck { check: ${c.check}, code: ErrorCode::${variantName(c.code)}, layer: ${rustString(c.layer)} },`);
  }
  out.print('];');
  out.blank();
}

function emitCodes(out: FilePrinter, set: SchemaSet): void {
  const m = edgeModel(set.protocolEdge);
  out.print('/// The category of an error code.');
  out.print('pub fn error_category(code: ErrorCode) -> ErrorCategory {');
  out.print('    match code {');
  for (const [code, category] of m.categories) out.print(`        ErrorCode::${variantName(code)} => ErrorCategory::${variantName(category)},`);
  out.print('    }');
  out.print('}');
  out.blank();
  out.print('/// The message template of an error code; `{name}` is a value of the line.');
  out.print('pub fn error_template(code: ErrorCode) -> &\'static str {');
  out.print('    match code {');
  for (const [code, template] of m.templates) out.print(`        ErrorCode::${variantName(code)} => ${rustString(template)},`);
  out.print('    }');
  out.print('}');
}

/** Emits the body of `protocol_edge.rs` (without the preamble). */
export function emitProtocolEdge(set: SchemaSet): FilePrinter {
  const out = new FilePrinter();
  out.print('//! The protocol edge of `schemas/data/protocol.edge.json`, as Rust constants.');
  out.blank();
  out.print('use super::types::{ErrorCategory, ErrorCode};');
  out.blank();
  emitLimits(out, set);
  emitChecks(out, set);
  emitCodes(out, set);
  return out;
}
