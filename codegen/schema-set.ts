import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One schema file of `schemas/`, as written. */
export interface SchemaFile {
  /** File name without `.schema.json`, e.g. `engine_intent`. */
  readonly name: string;
  /** File name inside `schemas/`, e.g. `engine_intent.schema.json`. */
  readonly fileName: string;
  /** The parsed schema, exactly as written. */
  readonly schema: any;
}

/** One cell of a transition matrix (`schemas/data/*.matrix.json`). */
export interface MatrixCellData {
  readonly from: string;
  readonly trigger: string;
  readonly to: string;
  readonly description: string;
}

/** A transition matrix as data; checked against `transition_matrix.schema.json` by codegen. */
export interface MatrixData {
  readonly machine: string;
  readonly matrix_version: number;
  readonly states: readonly string[];
  readonly initial: string;
  readonly terminal: readonly string[];
  readonly cells: readonly MatrixCellData[];
}

/** The mode policy table; checked against `mode_policy.schema.json` by codegen. */
export interface ModePolicyData {
  readonly policy_version: number;
  readonly rules: readonly ({ readonly mode: string } & Record<string, unknown>)[];
}

/** The protocol edge table; checked against `protocol_edge.schema.json` by codegen. */
export interface ProtocolEdgeData {
  readonly edge_version: number;
  readonly protocol_version: string;
  readonly protocol_major: number;
  readonly limits: readonly { readonly name: string; readonly value: number; readonly rust_type: 'usize' | 'u64' | 'f64'; readonly description: string }[];
  readonly forbidden_keys: readonly string[];
  readonly checks: readonly { readonly check: number; readonly code: string; readonly layer: string; readonly what: string }[];
  readonly errors: readonly { readonly code: string; readonly category: string; readonly template: string }[];
  readonly located: { readonly message: string; readonly line: string; readonly line_path: string };
  readonly fallback_message: string;
  readonly truncation_mark: string;
  readonly ops: readonly string[];
  readonly parity: { readonly error_fields: readonly string[]; readonly hello_fields: readonly string[] };
}

/** Everything codegen reads: every schema file (sorted by name) and the data tables. */
export interface SchemaSet {
  readonly files: readonly SchemaFile[];
  readonly slotMatrix: MatrixData;
  readonly orderMatrix: MatrixData;
  readonly modePolicy: ModePolicyData;
  readonly protocolEdge: ProtocolEdgeData;
}

/** Source paths of the data tables, relative to the repository root. */
export const DATA_SOURCES = {
  slotMatrix: 'schemas/data/slot.matrix.json',
  orderMatrix: 'schemas/data/order.matrix.json',
  modePolicy: 'schemas/data/mode.policy.json',
  protocolEdge: 'schemas/data/protocol.edge.json',
} as const;

export const SCHEMA_SUFFIX = '.schema.json';

/** Thrown when a schema or data file cannot be read or is not JSON; names the file. */
export class SchemaSetError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'SchemaSetError';
  }
}

function readJson(rootDir: string, relPath: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(rootDir, relPath), 'utf8');
  } catch (error) {
    throw new SchemaSetError(relPath, `cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SchemaSetError(relPath, `not JSON: ${(error as Error).message}`);
  }
}

/** Loads `schemas/*.schema.json` and `schemas/data/*` below `rootDir` (the repository root). */
export function loadSchemaSet(rootDir: string): SchemaSet {
  const fileNames = readdirSync(join(rootDir, 'schemas'))
    .filter((fileName) => fileName.endsWith(SCHEMA_SUFFIX))
    .sort();
  const files = fileNames.map((fileName) => ({
    name: fileName.slice(0, -SCHEMA_SUFFIX.length),
    fileName,
    schema: readJson(rootDir, `schemas/${fileName}`),
  }));
  return {
    files,
    slotMatrix: readJson(rootDir, DATA_SOURCES.slotMatrix) as MatrixData,
    orderMatrix: readJson(rootDir, DATA_SOURCES.orderMatrix) as MatrixData,
    modePolicy: readJson(rootDir, DATA_SOURCES.modePolicy) as ModePolicyData,
    protocolEdge: readJson(rootDir, DATA_SOURCES.protocolEdge) as ProtocolEdgeData,
  };
}

/** Path of a schema file relative to the repository root, as named in preambles and errors. */
export function schemaSourcePath(file: SchemaFile): string {
  return `schemas/${file.fileName}`;
}
