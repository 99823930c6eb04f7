import { generateContractsHash } from './contracts-hash.js';
import { checkData, formatDataViolation } from './data/check-data.js';
import { generateMarkdown } from './docs/markdown.js';
import type { GeneratedFile } from './emit/generated-file.js';
import { formatViolation, lintSchemaSet } from './lint/index.js';
import { generateRust } from './rust/index.js';
import type { SchemaSet } from './schema-set.js';
import { createAjv, type Ajv } from './ts/ajv-instance.js';
import { generateContractIndex } from './ts/contract-index.js';
import { generateProtocolEdge } from './ts/protocol-edge.js';
import { generateTables } from './ts/tables.js';
import { generateTypes } from './ts/types.js';
import { generateAllErrorsValidators, generateProtocolValidators, generateValidators } from './ts/validators.js';

/** Codegen refuses its input: every problem found, one per line. */
export class CodegenError extends Error {
  constructor(
    readonly problems: readonly string[],
    what: string,
  ) {
    super(`${what}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'CodegenError';
  }
}

/** Everything under this directory is written by codegen and nothing else. */
export const GENERATED_DIR = 'generated';

/** Refuses a schema set that breaks a house rule or whose data tables are wrong. */
export function checkInput(set: SchemaSet, ajv: Ajv = createAjv(set)): void {
  const violations = lintSchemaSet(set);
  if (violations.length > 0) throw new CodegenError(violations.map(formatViolation), 'schemas break house rules');
  const dataViolations = checkData(set, ajv);
  if (dataViolations.length > 0) throw new CodegenError(dataViolations.map(formatDataViolation), 'data tables are invalid');
}

/** Every generated file, sorted by path, from a checked schema set. Pure apart from CPU. */
export async function generateAll(set: SchemaSet): Promise<GeneratedFile[]> {
  // Lint first: ajv must not even see a schema that breaks a house rule.
  const violations = lintSchemaSet(set);
  if (violations.length > 0) throw new CodegenError(violations.map(formatViolation), 'schemas break house rules');
  // One ajv instance serves the data checks and the standalone code (compiling is the slow part).
  const ajv = createAjv(set, { standalone: true });
  checkInput(set, ajv);
  const files = [
    ...(await generateTypes(set)),
    ...generateValidators(set, ajv),
    ...generateProtocolValidators(set, ajv),
    ...generateAllErrorsValidators(set),
    ...generateContractIndex(set),
    ...generateTables(set),
    ...generateProtocolEdge(set),
    ...generateMarkdown(set),
    ...generateRust(set),
    ...generateContractsHash(set),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new CodegenError([file.path], 'two generators write the same file');
    seen.add(file.path);
  }
  return files;
}
