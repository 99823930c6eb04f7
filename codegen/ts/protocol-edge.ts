import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { constantName, edgeModel } from '../model/protocol-edge.js';
import { DATA_SOURCES, type SchemaSet } from '../schema-set.js';

export const PROTOCOL_EDGE_TS = 'generated/ts/protocol-edge.ts';

function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * The protocol edge (`schemas/data/protocol.edge.json`) as TypeScript constants: limits,
 * codes with categories and message templates, line checks, ops, parity fields.
 */
export function generateProtocolEdge(set: SchemaSet): GeneratedFile[] {
  const m = edgeModel(set.protocolEdge);
  const edge = m.edge;
  const p = new FilePrinter();
  p.print('// The protocol edge as data: both servers and the parity harness read these constants.');
  p.print("import type { ErrorCategory, ErrorCode } from './types.js';");
  p.blank();
  p.print(`export const PROTOCOL_VERSION = ${JSON.stringify(edge.protocol_version)};`);
  p.print(`export const PROTOCOL_MAJOR = ${edge.protocol_major};`);
  for (const limit of edge.limits) {
    p.blank();
    p.print(`/** ${limit.description} */`);
    p.print(`export const ${constantName(limit.name)} = ${JSON.stringify(limit.value)};`);
  }
  p.blank();
  p.print('/** Object keys refused anywhere in a request. */');
  p.print(`export const FORBIDDEN_KEYS: readonly string[] = ${literal(edge.forbidden_keys)};`);
  p.blank();
  p.print('/** The line checks in order; `layer` is the protocol file that runs each, in both languages. */');
  p.print(`export const LINE_CHECKS: readonly { readonly check: number; readonly code: ErrorCode; readonly layer: string; readonly what: string }[] = ${literal(edge.checks)};`);
  p.blank();
  p.print('/** Every error code by name, so code reads `ERROR_CODE.EMPTY_LINE` rather than a second copy of the string. */');
  p.print(`export const ERROR_CODE = ${literal(Object.fromEntries(edge.errors.map((e) => [e.code, e.code])))} as const satisfies Readonly<Record<ErrorCode, ErrorCode>>;`);
  p.blank();
  p.print('/** The category of each error code. */');
  p.print(`export const ERROR_CATEGORY: Readonly<Record<ErrorCode, ErrorCategory>> = ${literal(Object.fromEntries(m.categories))};`);
  p.blank();
  p.print("/** The message template of each code; `{name}` is a value of the line, filled by `src/protocol/message.ts`. */");
  p.print(`export const ERROR_TEMPLATE: Readonly<Record<ErrorCode, string>> = ${literal(Object.fromEntries(m.templates))};`);
  p.blank();
  p.print('/** How a message says where. */');
  p.print(`export const LOCATED = ${literal(edge.located)} as const;`);
  p.blank();
  p.print('/** The message of the INTERNAL_ERROR answered when a response cannot be written (plain ASCII). */');
  p.print(`export const FALLBACK_MESSAGE = ${JSON.stringify(edge.fallback_message)};`);
  p.blank();
  p.print('/** Ends a message or a quoted value cut by code points. */');
  p.print(`export const TRUNCATION_MARK = ${JSON.stringify(edge.truncation_mark)};`);
  p.blank();
  p.print('/** Every op served, sorted: the capabilities of the hello response. */');
  p.print(`export const CAPABILITIES: readonly string[] = ${literal(edge.ops)};`);
  p.blank();
  p.print('/** Fields parity compares on error responses (dotted paths). */');
  p.print(`export const PARITY_ERROR_FIELDS: readonly string[] = ${literal(edge.parity.error_fields)};`);
  p.blank();
  p.print('/** Fields parity compares on hello responses (dotted paths). */');
  p.print(`export const PARITY_HELLO_FIELDS: readonly string[] = ${literal(edge.parity.hello_fields)};`);
  return [p.toFile(PROTOCOL_EDGE_TS, preamble('ts', [DATA_SOURCES.protocolEdge]))];
}
