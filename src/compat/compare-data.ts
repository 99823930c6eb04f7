// Data tables compared as data, guided by their schema: arrays of scalars are sets, arrays of
// rows are sets of rows keyed by their identifying field (or by their whole content minus
// documentation), objects field by field. A matrix cell removed is a row removed.
import { stableText as canonicalize } from './stable-text.js';
import type { ContractSet } from './contract-set.js';
import { dataSchemaFile } from './data-schema.js';
import type { Finding } from './finding.js';
import { escapePointer, isObject, RefResolver, childOf, type Located } from './refs.js';

const DOC_KEYS = new Set(['description', 'title', 'note', 'notes', 'comment', '$comment', '$schema']);

interface DataCtx {
  readonly file: string;
  readonly findings: Finding[];
  readonly refs: RefResolver | undefined;
}

function push(ctx: DataCtx, rule: string, oldPtr: string | null, newPtr: string | null, change: string, witness?: unknown): void {
  const f: Finding = {
    rule,
    schema: ctx.file,
    contract: ctx.file,
    oldPointer: oldPtr === null ? null : `${ctx.file}#${oldPtr}`,
    newPointer: newPtr === null ? null : `${ctx.file}#${newPtr}`,
    instancePath: newPtr ?? oldPtr ?? '',
    message: `${ctx.file}: ${change} (old ${oldPtr ?? '(none)'}, new ${newPtr ?? '(none)'})`,
  };
  if (witness !== undefined) f.witness = { source: `data:schemas/${ctx.file}#${oldPtr ?? ''}`, instance: witness };
  ctx.findings.push(f);
}

function stripDocs(row: unknown): unknown {
  if (!isObject(row)) return row;
  return Object.fromEntries(Object.entries(row).filter(([k]) => !DOC_KEYS.has(k)));
}

function itemSchema(schema: Located | undefined, ctx: DataCtx): Located | undefined {
  if (schema === undefined || ctx.refs === undefined || !isObject(schema.node) || schema.node.items === undefined) return undefined;
  return ctx.refs.resolve(childOf(schema, 'items'));
}

function propSchema(schema: Located | undefined, ctx: DataCtx, key: string): Located | undefined {
  if (schema === undefined || ctx.refs === undefined || !isObject(schema.node) || !isObject(schema.node.properties)) return undefined;
  if (schema.node.properties[key] === undefined) return undefined;
  return ctx.refs.resolve(childOf(schema, 'properties', key));
}

/** The field identifying a row: the first scalar field (schema order) unique on both sides. */
function rowKey(oldRows: unknown[], newRows: unknown[], item: Located | undefined): string | undefined {
  const first = oldRows.find(isObject) ?? newRows.find(isObject);
  const fromSchema = item !== undefined && isObject(item.node) && Array.isArray(item.node.required) ? (item.node.required as string[]) : [];
  const candidates = [...fromSchema, ...Object.keys(first ?? {})].filter((k) => !DOC_KEYS.has(k));
  const unique = (rows: unknown[], k: string): boolean => {
    const vals = rows.map((r) => (isObject(r) ? r[k] : undefined));
    return vals.every((v) => typeof v === 'string' || typeof v === 'number') && new Set(vals).size === vals.length;
  };
  return candidates.find((k) => unique(oldRows, k) && unique(newRows, k));
}

function compareRows(ctx: DataCtx, a: unknown[], b: unknown[], ptr: string, schema: Located | undefined): void {
  const item = itemSchema(schema, ctx);
  const scalars = [...a, ...b].every((v) => !isObject(v) && !Array.isArray(v));
  const key = scalars ? undefined : rowKey(a, b, item);
  const id = (row: unknown): string => (key !== undefined && isObject(row) ? canonicalize(row[key]) : canonicalize(stripDocs(row)));
  const newIndex = new Map(b.map((row, i) => [id(row), i]));
  const oldIndex = new Map(a.map((row, i) => [id(row), i]));
  const [removedRule, addedRule, what] = scalars ? ['DATA_SET_VALUE_REMOVED', 'DATA_SET_VALUE_ADDED', 'value'] : ['DATA_ROW_REMOVED', 'DATA_ROW_ADDED', 'row'];
  a.forEach((row, i) => {
    const j = newIndex.get(id(row));
    if (j === undefined) push(ctx, removedRule, `${ptr}/${i}`, null, `${what} ${id(row)} removed from ${ptr || '/'}`, row);
    else if (key !== undefined) compareValue(ctx, row, b[j], `${ptr}/${i}`, `${ptr}/${j}`, item);
  });
  b.forEach((row, j) => {
    if (!oldIndex.has(id(row))) push(ctx, addedRule, null, `${ptr}/${j}`, `${what} ${id(row)} added to ${ptr || '/'}`);
  });
}

function compareValue(ctx: DataCtx, a: unknown, b: unknown, oldPtr: string, newPtr: string, schema: Located | undefined): void {
  if (Array.isArray(a) && Array.isArray(b)) return compareRows(ctx, a, b, newPtr, schema);
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (DOC_KEYS.has(k)) continue;
      const [op, np] = [`${oldPtr}/${escapePointer(k)}`, `${newPtr}/${escapePointer(k)}`];
      if (!(k in b)) push(ctx, 'DATA_VALUE_CHANGED', op, null, `field ${k} removed`);
      else if (!(k in a)) push(ctx, 'DATA_VALUE_CHANGED', null, np, `field ${k} added`);
      else compareValue(ctx, a[k], b[k], op, np, propSchema(schema, ctx, k));
    }
    return;
  }
  if (canonicalize(a) === canonicalize(b)) return;
  const rule = /_version$/.test(newPtr) ? 'DATA_VERSION_CHANGED' : 'DATA_VALUE_CHANGED';
  push(ctx, rule, oldPtr, newPtr, `${canonicalize(a)} became ${canonicalize(b)}`, a);
}

export function compareData(oldSet: ContractSet, newSet: ContractSet): Finding[] {
  const findings: Finding[] = [];
  const newRefs = new RefResolver(newSet);
  for (const [file, oldData] of oldSet.data) {
    const ctx: DataCtx = { file, findings, refs: newRefs };
    if (!newSet.data.has(file)) {
      push(ctx, 'DATA_FILE_REMOVED', '', null, `data table ${file} removed`);
      continue;
    }
    const newData = newSet.data.get(file);
    const schemaFile = dataSchemaFile(newSet, file, newData);
    const schema = schemaFile === undefined ? undefined : newRefs.resolve(newRefs.root(schemaFile));
    compareValue(ctx, oldData, newData, '', '', schema);
  }
  for (const file of newSet.data.keys()) {
    if (!oldSet.data.has(file)) push({ file, findings, refs: undefined }, 'DATA_FILE_ADDED', null, '', `data table ${file} added`);
  }
  return findings;
}
