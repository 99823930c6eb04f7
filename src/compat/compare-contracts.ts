// Every schema file of the baseline against the current one: files and $defs removed, moved or
// added, then each root and each $def compared node by node.
import { stableText as canonicalize } from './stable-text.js';
import { compareNode } from './compare-schema.js';
import type { ContractSet } from './contract-set.js';
import { emit, newDiffContext, type DiffContext } from './diff-context.js';
import type { Finding } from './finding.js';
import { childOf, isObject, RefResolver } from './refs.js';

function defsOf(schema: unknown): Record<string, unknown> {
  return isObject(schema) && isObject(schema.$defs) ? schema.$defs : {};
}

/** Every `$def` of a set by `file#/$defs/name`, with its content for move detection. */
function allDefs(set: ContractSet): Map<string, { file: string; name: string; text: string }> {
  const out = new Map<string, { file: string; name: string; text: string }>();
  for (const [file, schema] of set.schemas) {
    for (const [name, def] of Object.entries(defsOf(schema))) {
      const { title: _title, description: _description, ...body } = isObject(def) ? def : { value: def };
      out.set(`${file}#/$defs/${name}`, { file, name, text: canonicalize(body) });
    }
  }
  return out;
}

function compareDefs(ctx: DiffContext, oldSet: ContractSet, newSet: ContractSet, file: string): void {
  const oldRoot = ctx.oldRefs.root(file);
  const newRoot = ctx.newRefs.root(file);
  const newDefs = allDefs(newSet);
  const oldDefs = allDefs(oldSet);
  for (const name of Object.keys(defsOf(oldRoot.node))) {
    const o = childOf(oldRoot, '$defs', name);
    if (name in defsOf(newRoot.node)) {
      compareNode(ctx, o, childOf(newRoot, '$defs', name), '');
      continue;
    }
    const text = oldDefs.get(`${file}#/$defs/${name}`)?.text;
    const moved = [...newDefs.entries()].find(([key, d]) => d.text === text && !oldDefs.has(key));
    if (moved !== undefined) {
      const target = childOf(ctx.newRefs.root(moved[1].file), '$defs', moved[1].name);
      emit(ctx, 'DEF_MOVED', o, target, '', `$defs/${name} moved to ${moved[0]}`);
    } else emit(ctx, 'DEF_REMOVED', o, null, '', `$defs/${name} removed`);
  }
  for (const name of Object.keys(defsOf(newRoot.node))) {
    if (!(name in defsOf(oldRoot.node))) emit(ctx, 'DEF_ADDED', null, childOf(newRoot, '$defs', name), '', `$defs/${name} added`);
  }
}

/** Findings for every schema file; each finding names the file it was found from. */
export function compareSchemas(oldSet: ContractSet, newSet: ContractSet): Finding[] {
  const oldRefs = new RefResolver(oldSet);
  const newRefs = new RefResolver(newSet);
  const findings: Finding[] = [];
  for (const file of oldSet.schemas.keys()) {
    const ctx = newDiffContext(oldRefs, newRefs, file);
    if (!newSet.schemas.has(file)) {
      emit(ctx, 'CONTRACT_REMOVED', oldRefs.root(file), null, '', `schema ${file} removed`);
    } else {
      const oldId = (oldSet.schemas.get(file) as Record<string, unknown>).$id;
      const newId = (newSet.schemas.get(file) as Record<string, unknown>).$id;
      if (oldId !== newId) emit(ctx, 'SCHEMA_ID_CHANGED', childOf(oldRefs.root(file), '$id'), childOf(newRefs.root(file), '$id'), '', `$id ${String(oldId)} became ${String(newId)}`);
      compareNode(ctx, oldRefs.root(file), newRefs.root(file), '');
      compareDefs(ctx, oldSet, newSet, file);
    }
    findings.push(...ctx.findings);
  }
  for (const file of newSet.schemas.keys()) {
    if (oldSet.schemas.has(file)) continue;
    const ctx = newDiffContext(oldRefs, newRefs, file);
    emit(ctx, 'CONTRACT_ADDED', null, newRefs.root(file), '', `schema ${file} added`);
    findings.push(...ctx.findings);
  }
  return findings;
}
