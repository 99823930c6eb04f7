import type { SchemaFile, SchemaSet } from '../schema-set.js';

/** A broken house rule: the file, the JSON pointer inside it, the rule and what is wrong. */
export interface LintViolation {
  /** Path relative to the repository root, e.g. `schemas/engine_intent.schema.json`. */
  readonly file: string;
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
}

/** What a rule sees: the file it checks and the other files (to follow `$ref`s). */
export type LintSet = Pick<SchemaSet, 'files'>;

/** One house rule. */
export interface LintRule {
  readonly name: string;
  /** The rule in one sentence, for people. */
  readonly description: string;
  check(file: SchemaFile, set: LintSet): LintViolation[];
}

/** Builds the violations of one rule in one file. */
export function reporter(rule: string, file: SchemaFile): (pointer: string, message: string) => LintViolation {
  return (pointer, message) => ({ file: `schemas/${file.fileName}`, pointer, rule, message });
}

/** `file#pointer [rule] message`: the one line a violation prints as. */
export function formatViolation(violation: LintViolation): string {
  return `${violation.file}#${violation.pointer} [${violation.rule}] ${violation.message}`;
}

/** Whether a schema node declares the given JSON type (`type` as a string or an array). */
export function hasType(schema: { type?: unknown }, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}
