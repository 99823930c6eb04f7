/**
 * The protocol edge table as both emitters write it: the table's own names (limits, version,
 * forbidden keys) filled into the templates at generation time, so a server only fills the
 * values of a line (`{detail}`, `{seq}`, ...) and both print the table's numbers alike.
 */
import type { ProtocolEdgeData } from '../schema-set.js';

export interface EdgeModel {
  readonly edge: ProtocolEdgeData;
  /** Template of each error code, table names filled in. */
  readonly templates: ReadonlyMap<string, string>;
  readonly categories: ReadonlyMap<string, string>;
}

/** A limit's name as a constant: `line_bytes_max` -> `LINE_BYTES_MAX`. */
export function constantName(name: string): string {
  return name.toUpperCase();
}

function tableValues(edge: ProtocolEdgeData): Map<string, string> {
  const values = new Map<string, string>();
  for (const limit of edge.limits) values.set(limit.name, String(limit.value));
  values.set('forbidden_keys', edge.forbidden_keys.join(', '));
  values.set('protocol_version', edge.protocol_version);
  values.set('protocol_major', String(edge.protocol_major));
  return values;
}

export function edgeModel(edge: ProtocolEdgeData): EdgeModel {
  const values = tableValues(edge);
  const fill = (template: string): string => template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values.get(name) ?? whole);
  return {
    edge,
    templates: new Map(edge.errors.map((e) => [e.code, fill(e.template)])),
    categories: new Map(edge.errors.map((e) => [e.code, e.category])),
  };
}
