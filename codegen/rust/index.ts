import type { GeneratedFile } from '../emit/generated-file.js';
import type { SchemaSet } from '../schema-set.js';

/** Rust output of codegen. Placeholder until the Rust generator lands: emits nothing. */
export function generateRust(_set: SchemaSet): GeneratedFile[] {
  return [];
}
