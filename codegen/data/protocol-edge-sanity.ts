import { enumValues } from '../model/enums.js';
import type { ProtocolEdgeData, SchemaSet } from '../schema-set.js';
import type { DataViolation } from './check-data.js';

/** Placeholders a template may hold besides the table's own names: values the servers fill. */
export const EDGE_VALUE_PLACEHOLDERS: readonly string[] = ['detail', 'seq', 'last_seq', 'op', 'version'];

/** Names of the table itself a template may hold: its limits and scalars. */
function tableNames(edge: ProtocolEdgeData): Set<string> {
  return new Set([...edge.limits.map((l) => l.name), 'forbidden_keys', 'protocol_version', 'protocol_major']);
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
}

function templateViolations(file: string, edge: ProtocolEdgeData, at: (pointer: string, message: string) => void): void {
  const allowed = new Set([...tableNames(edge), ...EDGE_VALUE_PLACEHOLDERS]);
  edge.errors.forEach((e, i) => {
    for (const name of placeholders(e.template)) {
      if (!allowed.has(name)) at(`/errors/${i}/template`, `unknown placeholder {${name}} in ${file}`);
    }
    if (/[{}]/.test(e.template.replace(/\{[a-z_]+\}/g, ''))) at(`/errors/${i}/template`, 'a brace that is not a placeholder');
  });
  const located: Record<string, readonly string[]> = { message: ['message', 'where'], line: ['line'], line_path: ['line', 'path'] };
  for (const [key, names] of Object.entries(located)) {
    const found = placeholders(edge.located[key as keyof ProtocolEdgeData['located']]).sort();
    if (found.join() !== [...names].sort().join()) at(`/located/${key}`, `must hold exactly ${names.map((n) => `{${n}}`).join(' and ')}`);
  }
}

/** Sanity of the protocol edge beyond its schema: codes, check order, templates, limits, ops. */
export function protocolEdgeSanity(file: string, set: SchemaSet): DataViolation[] {
  const edge = set.protocolEdge;
  const found: DataViolation[] = [];
  const at = (pointer: string, message: string): void => void found.push({ file, pointer, message });
  const codes = new Set<string>();
  edge.errors.forEach((e, i) => {
    if (codes.has(e.code)) at(`/errors/${i}/code`, `error code ${e.code} is listed twice`);
    codes.add(e.code);
  });
  for (const code of enumValues(set, 'ErrorCode')) if (!codes.has(code)) at('/errors', `error code ${code} has no entry`);
  const checked = new Set<string>();
  edge.checks.forEach((c, i) => {
    if (i > 0 && c.check < edge.checks[i - 1]!.check) at(`/checks/${i}/check`, `check ${c.check} is listed after check ${edge.checks[i - 1]!.check}`);
    if (checked.has(c.code)) at(`/checks/${i}/code`, `code ${c.code} answers two checks`);
    checked.add(c.code);
  });
  for (const code of codes) {
    if (code !== 'INTERNAL_ERROR' && !checked.has(code)) at('/checks', `error code ${code} is answered by no check`);
  }
  const limits = new Set<string>();
  edge.limits.forEach((l, i) => {
    if (limits.has(l.name)) at(`/limits/${i}/name`, `limit ${l.name} is listed twice`);
    limits.add(l.name);
    if (l.rust_type !== 'f64' && !(Number.isSafeInteger(l.value) && l.value >= 0)) {
      at(`/limits/${i}/value`, `limit ${l.name} of type ${l.rust_type} must be a non-negative safe integer`);
    }
  });
  edge.ops.forEach((op, i) => {
    if (i > 0 && !(edge.ops[i - 1]! < op)) at(`/ops/${i}`, `ops must be sorted and distinct: ${op} after ${edge.ops[i - 1]}`);
  });
  templateViolations(file, edge, at);
  return found;
}
