import type { Ajv } from '../ts/ajv-instance.js';
import { enumValues } from '../model/enums.js';
import { protocolEdgeSanity } from './protocol-edge-sanity.js';
import { DATA_SOURCES, type MatrixData, type SchemaSet } from '../schema-set.js';

/** Something wrong with a data table: the file, the JSON pointer inside it, and what. */
export interface DataViolation {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

const SCHEMA_ID = 'https://lockstep.dev/schemas/v1/';

function schemaErrors(ajv: Ajv, schemaFile: string, file: string, value: unknown): DataViolation[] {
  const validate = ajv.getSchema(`${SCHEMA_ID}${schemaFile}`);
  if (validate === undefined) return [{ file, pointer: '', message: `schema ${schemaFile} is missing` }];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({
    file,
    pointer: error.instancePath,
    message: `does not match ${schemaFile}: ${error.keyword} ${error.message ?? ''} ${JSON.stringify(error.params)}`.trim(),
  }));
}

/** Sanity of a matrix beyond its schema: states, terminal states, duplicates. */
export function matrixSanity(file: string, matrix: MatrixData, machine: string, states: string[]): DataViolation[] {
  const found: DataViolation[] = [];
  const at = (pointer: string, message: string): void => void found.push({ file, pointer, message });
  if (matrix.machine !== machine) at('/machine', `expected machine ${machine}, found ${matrix.machine}`);
  const listed = new Set<string>();
  matrix.states.forEach((state, index) => {
    if (listed.has(state)) at(`/states/${index}`, `state ${state} is listed twice`);
    listed.add(state);
  });
  for (const state of states) if (!listed.has(state)) at('/states', `state ${state} of the vocabulary is not listed`);
  if (!listed.has(matrix.initial)) at('/initial', `initial state ${matrix.initial} is not listed in states`);
  const terminal = new Set(matrix.terminal);
  matrix.terminal.forEach((state, index) => {
    if (!listed.has(state)) at(`/terminal/${index}`, `terminal state ${state} is not listed in states`);
  });
  const cells = new Set<string>();
  matrix.cells.forEach((cell, index) => {
    const id = `${cell.from} --${cell.trigger}--> ${cell.to}`;
    if (cells.has(id)) at(`/cells/${index}`, `duplicate cell ${id}`);
    cells.add(id);
    if (terminal.has(cell.from)) at(`/cells/${index}/from`, `terminal state ${cell.from} has an outgoing cell ${id}`);
    if (!listed.has(cell.from)) at(`/cells/${index}/from`, `state ${cell.from} is not listed in states`);
    if (!listed.has(cell.to)) at(`/cells/${index}/to`, `state ${cell.to} is not listed in states`);
  });
  return found;
}

/** Every mode of the vocabulary has exactly one rule. */
export function modePolicySanity(file: string, set: SchemaSet): DataViolation[] {
  const found: DataViolation[] = [];
  const seen = new Set<string>();
  set.modePolicy.rules.forEach((rule, index) => {
    if (seen.has(rule.mode)) found.push({ file, pointer: `/rules/${index}/mode`, message: `mode ${rule.mode} has a second rule` });
    seen.add(rule.mode);
  });
  for (const mode of enumValues(set, 'Mode')) {
    if (!seen.has(mode)) found.push({ file, pointer: '/rules', message: `mode ${mode} has no rule` });
  }
  return found;
}

/**
 * Checks the data tables against their schemas and the sanity rules. Schema errors come
 * first; sanity is only checked on data that matches its schema.
 */
export function checkData(set: SchemaSet, ajv: Ajv): DataViolation[] {
  const slot = schemaErrors(ajv, 'transition_matrix.schema.json', DATA_SOURCES.slotMatrix, set.slotMatrix);
  const order = schemaErrors(ajv, 'transition_matrix.schema.json', DATA_SOURCES.orderMatrix, set.orderMatrix);
  const mode = schemaErrors(ajv, 'mode_policy.schema.json', DATA_SOURCES.modePolicy, set.modePolicy);
  const edge = schemaErrors(ajv, 'protocol_edge.schema.json', DATA_SOURCES.protocolEdge, set.protocolEdge);
  return [
    ...(slot.length > 0
      ? slot
      : matrixSanity(DATA_SOURCES.slotMatrix, set.slotMatrix, 'SLOT', enumValues(set, 'TradeStage'))),
    ...(order.length > 0
      ? order
      : matrixSanity(DATA_SOURCES.orderMatrix, set.orderMatrix, 'ORDER', enumValues(set, 'OrderStatus'))),
    ...(mode.length > 0 ? mode : modePolicySanity(DATA_SOURCES.modePolicy, set)),
    ...(edge.length > 0 ? edge : protocolEdgeSanity(DATA_SOURCES.protocolEdge, set)),
  ];
}

/** A violation as one line: `file#pointer: message`. */
export function formatDataViolation(violation: DataViolation): string {
  return `${violation.file}#${violation.pointer}: ${violation.message}`;
}
