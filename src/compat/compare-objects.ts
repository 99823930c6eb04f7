// Objects: properties matched by name, required sets, and the content model deciding what a
// removed or added property means on each side.
import { contentModel, describesObject } from './content-model.js';
import { emit, type DiffContext } from './diff-context.js';
import { childOf, escapePointer, isObject, type Located } from './refs.js';

type Schema = Record<string, unknown>;
export type CompareNode = (ctx: DiffContext, o: Located, n: Located, path: string) => void;

function props(schema: Schema): Record<string, unknown> {
  return isObject(schema.properties) ? schema.properties : {};
}

function required(schema: Schema): Set<string> {
  return new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
}

export function compareObjects(ctx: DiffContext, o: Located, n: Located, path: string, compare: CompareNode): void {
  const a = o.node as Schema;
  const b = n.node as Schema;
  if (!describesObject(a) && !describesObject(b)) return;
  const [oldProps, newProps] = [props(a), props(b)];
  const [oldModel, newModel] = [contentModel(a), contentModel(b)];
  const [oldReq, newReq] = [required(a), required(b)];
  for (const name of Object.keys(oldProps)) {
    const at = `${path}/${escapePointer(name)}`;
    const oldProp = childOf(o, 'properties', name);
    if (name in newProps) compare(ctx, oldProp, childOf(n, 'properties', name), at);
    else if (newModel === 'closed') emit(ctx, 'PROPERTY_REMOVED_FROM_CLOSED_MODEL', oldProp, n, at, `property ${name} removed from a closed object`);
    else if (newModel === 'open') emit(ctx, 'PROPERTY_REMOVED_FROM_OPEN_MODEL', oldProp, n, at, `property ${name} removed from an open object`);
    else if (isObject(b.additionalProperties) && b.patternProperties === undefined) compare(ctx, oldProp, childOf(n, 'additionalProperties'), at);
    else emit(ctx, 'UNMODELLED_KEYWORD_CHANGED', oldProp, n, at, `property ${name} removed from a partially open object`);
  }
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    const at = `${path}/${escapePointer(name)}`;
    const newProp = childOf(n, 'properties', name);
    if (oldModel === 'closed') emit(ctx, 'PROPERTY_ADDED_TO_CLOSED_MODEL', o, newProp, at, `property ${name} added to a closed object`);
    else if (oldModel === 'open') emit(ctx, 'PROPERTY_ADDED_TO_OPEN_MODEL', o, newProp, at, `property ${name} added to an open object`);
    else if (isObject(a.additionalProperties) && a.patternProperties === undefined) compare(ctx, childOf(o, 'additionalProperties'), newProp, at);
    else emit(ctx, 'UNMODELLED_KEYWORD_CHANGED', o, newProp, at, `property ${name} added to a partially open object`);
  }
  for (const name of newReq) if (!oldReq.has(name)) emit(ctx, 'REQUIRED_PROPERTY_ADDED', o, n, `${path}/${escapePointer(name)}`, `property ${name} is now required`);
  for (const name of oldReq) if (!newReq.has(name)) emit(ctx, 'REQUIRED_PROPERTY_DROPPED', o, n, `${path}/${escapePointer(name)}`, `property ${name} is no longer required`);
  compareModels(ctx, o, n, path, compare);
}

function compareModels(ctx: DiffContext, o: Located, n: Located, path: string, compare: CompareNode): void {
  const a = o.node as Schema;
  const b = n.node as Schema;
  const [oldModel, newModel] = [contentModel(a), contentModel(b)];
  if (oldModel === 'open' && newModel === 'closed') emit(ctx, 'CONTENT_MODEL_CLOSED', o, n, path, 'additionalProperties: false added');
  else if (oldModel === 'closed' && newModel === 'open') emit(ctx, 'CONTENT_MODEL_OPENED', o, n, path, 'additionalProperties: false dropped');
  else if (oldModel === 'partial' || newModel === 'partial') {
    const extraA = isObject(a.additionalProperties) ? childOf(o, 'additionalProperties') : undefined;
    const extraB = isObject(b.additionalProperties) ? childOf(n, 'additionalProperties') : undefined;
    const samePatterns = JSON.stringify(a.patternProperties) === JSON.stringify(b.patternProperties);
    if (extraA !== undefined && extraB !== undefined && samePatterns) compare(ctx, extraA, extraB, `${path}/*`);
    else if (!(samePatterns && JSON.stringify(a.additionalProperties) === JSON.stringify(b.additionalProperties))) {
      emit(ctx, 'UNMODELLED_KEYWORD_CHANGED', o, n, path, `partially open content model changed (${oldModel} -> ${newModel})`);
    }
  }
}
