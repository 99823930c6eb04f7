/**
 * The Rust generator: serde types, transition tables and schema validators for
 * `rust-kernel/`, from the same schema set as the TypeScript side. See README.md for why it
 * is an own emitter rather than typify.
 */
import type { GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { DATA_SOURCES, schemaSourcePath, type SchemaSet } from '../schema-set.js';
import { emitProtocolEdge } from './emit-protocol-edge.js';
import { emitTables } from './emit-tables.js';
import { emitTypes } from './emit-types.js';
import { emitValidators } from './emit-validator.js';
import { buildModel } from './schema-model.js';

/** Generates `generated/rust/{types,tables,protocol_edge,validate}.rs`. */
export function generateRust(set: SchemaSet): GeneratedFile[] {
  const model = buildModel(set);
  const schemaSources = set.files.map(schemaSourcePath);
  const tableSources = [DATA_SOURCES.slotMatrix, DATA_SOURCES.orderMatrix, DATA_SOURCES.modePolicy, 'schemas/vocabulary.schema.json', 'schemas/mode_policy.schema.json'];
  return [
    emitTypes(model).toFile('generated/rust/types.rs', preamble('rust', schemaSources)),
    emitTables(set).toFile('generated/rust/tables.rs', preamble('rust', tableSources)),
    emitProtocolEdge(set).toFile('generated/rust/protocol_edge.rs', preamble('rust', [DATA_SOURCES.protocolEdge, 'schemas/protocol_edge.schema.json'])),
    emitValidators(model).toFile('generated/rust/validate.rs', preamble('rust', schemaSources)),
  ];
}
