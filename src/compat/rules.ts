// The rule catalogue: every kind of change the checker can report, under a stable id. Ids are
// part of the interface (acks and CI annotations name them), so they are never renamed.

/** BACKWARD: new readers must accept old data. FORWARD: old readers must accept new data. */
export type Direction = 'BACKWARD' | 'FORWARD';
/** WIRE: validation changes. CODEGEN: generated TS/Rust changes shape. PARITY: the languages may stop agreeing. */
export type Category = 'WIRE' | 'CODEGEN' | 'PARITY';
/** error: breaking in its directions. warning: worth a look, never fails. info: recorded only. */
export type Severity = 'error' | 'warning' | 'info';

export interface Rule {
  readonly id: string;
  /** Directions in which the change breaks someone (empty for pure bookkeeping rules). */
  readonly directions: readonly Direction[];
  readonly categories: readonly Category[];
  readonly severity: Severity;
  readonly summary: string;
}

const B: readonly Direction[] = ['BACKWARD'];
const F: readonly Direction[] = ['FORWARD'];
const BF: readonly Direction[] = ['BACKWARD', 'FORWARD'];
const NONE: readonly Direction[] = [];

function rule(id: string, directions: readonly Direction[], categories: readonly Category[], severity: Severity, summary: string): Rule {
  return { id, directions, categories, severity, summary };
}

export const RULES: readonly Rule[] = [
  rule('CONTRACT_REMOVED', BF, ['WIRE', 'CODEGEN'], 'error', 'a released schema file is gone'),
  rule('CONTRACT_ADDED', NONE, ['CODEGEN'], 'info', 'a new schema file'),
  rule('SCHEMA_ID_CHANGED', BF, ['WIRE', 'CODEGEN'], 'error', 'the $id of a schema changed; references by $id break'),
  rule('TITLE_CHANGED', BF, ['CODEGEN'], 'error', 'a title changed; generated type names change'),
  rule('DEF_REMOVED', BF, ['CODEGEN', 'WIRE'], 'error', 'a $defs entry is gone'),
  rule('DEF_MOVED', BF, ['CODEGEN'], 'error', 'a $defs entry moved to another name or file with the same content'),
  rule('DEF_ADDED', NONE, ['CODEGEN'], 'info', 'a new $defs entry'),
  rule('TYPE_NARROWED', B, ['WIRE', 'CODEGEN'], 'error', 'a JSON type is no longer accepted'),
  rule('TYPE_WIDENED', F, ['WIRE', 'CODEGEN'], 'error', 'a JSON type is newly accepted'),
  rule('NUMBER_TO_INTEGER', B, ['WIRE', 'CODEGEN', 'PARITY'], 'error', 'number became integer; fractions are refused'),
  rule('INTEGER_TO_NUMBER', F, ['WIRE', 'CODEGEN', 'PARITY'], 'error', 'integer became number; old readers refuse fractions and both languages change number type'),
  rule('ENUM_VALUE_REMOVED', B, ['WIRE', 'CODEGEN'], 'error', 'an enum value is gone'),
  rule('ENUM_VALUE_ADDED', F, ['WIRE', 'CODEGEN'], 'error', 'an enum value is new; old readers and exhaustive matches refuse it'),
  rule('ENUM_ADDED', B, ['WIRE', 'CODEGEN'], 'error', 'an enum now restricts a value that was free'),
  rule('ENUM_DROPPED', F, ['WIRE', 'CODEGEN'], 'error', 'an enum no longer restricts the value'),
  rule('CONST_CHANGED', BF, ['WIRE', 'CODEGEN'], 'error', 'a const (often a union tag) changed'),
  rule('CONST_ADDED', B, ['WIRE'], 'error', 'a const now pins a value that was free'),
  rule('CONST_DROPPED', F, ['WIRE'], 'error', 'a const no longer pins the value'),
  rule('NUMERIC_LOWER_BOUND_TIGHTENED', B, ['WIRE'], 'error', 'minimum / exclusiveMinimum raised or added'),
  rule('NUMERIC_LOWER_BOUND_LOOSENED', F, ['WIRE'], 'error', 'minimum / exclusiveMinimum lowered or dropped'),
  rule('NUMERIC_UPPER_BOUND_TIGHTENED', B, ['WIRE'], 'error', 'maximum / exclusiveMaximum lowered or added'),
  rule('NUMERIC_UPPER_BOUND_LOOSENED', F, ['WIRE'], 'error', 'maximum / exclusiveMaximum raised or dropped'),
  rule('MIN_LENGTH_INCREASED', B, ['WIRE'], 'error', 'minLength raised or added'),
  rule('MIN_LENGTH_DECREASED', F, ['WIRE'], 'error', 'minLength lowered or dropped'),
  rule('MAX_LENGTH_DECREASED', B, ['WIRE'], 'error', 'maxLength lowered or added'),
  rule('MAX_LENGTH_INCREASED', F, ['WIRE'], 'error', 'maxLength raised or dropped'),
  rule('MIN_ITEMS_INCREASED', B, ['WIRE'], 'error', 'minItems raised or added'),
  rule('MIN_ITEMS_DECREASED', F, ['WIRE'], 'error', 'minItems lowered or dropped'),
  rule('MAX_ITEMS_DECREASED', B, ['WIRE'], 'error', 'maxItems lowered or added'),
  rule('MAX_ITEMS_INCREASED', F, ['WIRE'], 'error', 'maxItems raised or dropped'),
  rule('PATTERN_ADDED', B, ['WIRE'], 'error', 'a pattern now restricts a free string'),
  rule('PATTERN_DROPPED', F, ['WIRE'], 'error', 'a pattern no longer restricts the string'),
  rule('PATTERN_CHANGED', BF, ['WIRE', 'PARITY'], 'error', 'a pattern changed (regex inclusion is not decided; sampling may add a witness)'),
  rule('REQUIRED_PROPERTY_ADDED', B, ['WIRE', 'CODEGEN'], 'error', 'a property is now required; old data without it is refused'),
  rule('REQUIRED_PROPERTY_DROPPED', F, ['WIRE', 'CODEGEN'], 'error', 'a property is no longer required; old readers refuse data without it'),
  rule('PROPERTY_ADDED_TO_CLOSED_MODEL', F, ['WIRE', 'CODEGEN'], 'error', 'a property added to a closed object; old closed readers refuse it'),
  rule('PROPERTY_ADDED_TO_OPEN_MODEL', B, ['WIRE', 'CODEGEN'], 'error', 'a property added to an open object now constrains values old data may hold'),
  rule('PROPERTY_REMOVED_FROM_CLOSED_MODEL', B, ['WIRE', 'CODEGEN'], 'error', 'a property removed from a closed object; old data holding it is refused'),
  rule('PROPERTY_REMOVED_FROM_OPEN_MODEL', F, ['WIRE', 'CODEGEN'], 'error', 'a property removed from an open object; new data may hold any value there'),
  rule('CONTENT_MODEL_CLOSED', B, ['WIRE', 'CODEGEN'], 'error', 'an open object became closed'),
  rule('CONTENT_MODEL_OPENED', F, ['WIRE', 'CODEGEN'], 'error', 'a closed object became open'),
  rule('UNION_VARIANT_REMOVED', B, ['WIRE', 'CODEGEN'], 'error', 'a union variant (matched by tag value) is gone'),
  rule('UNION_VARIANT_ADDED', F, ['WIRE', 'CODEGEN'], 'error', 'a union variant is new; old readers and exhaustive matches refuse it'),
  rule('UNION_TAG_CHANGED', BF, ['WIRE', 'CODEGEN'], 'error', 'the tag property of a union changed'),
  rule('UNION_UNTAGGED', BF, ['WIRE', 'CODEGEN'], 'error', 'a union without a const tag changed; variants cannot be matched, so assumed breaking'),
  rule('UNIQUE_ITEMS_ADDED', B, ['WIRE'], 'error', 'uniqueItems now refuses duplicates'),
  rule('UNIQUE_ITEMS_DROPPED', F, ['WIRE'], 'error', 'uniqueItems no longer refuses duplicates'),
  rule('UNMODELLED_KEYWORD_CHANGED', BF, ['WIRE', 'CODEGEN'], 'error', 'a keyword the checker does not model changed; assumed breaking (fail closed)'),
  rule('DEFAULT_CHANGED', NONE, ['CODEGEN', 'PARITY'], 'warning', 'a default value changed; both languages must fill it identically'),
  rule('DATA_FILE_REMOVED', BF, ['WIRE', 'CODEGEN', 'PARITY'], 'error', 'a released data table is gone'),
  rule('DATA_FILE_ADDED', NONE, ['CODEGEN'], 'info', 'a new data table'),
  rule('DATA_ROW_REMOVED', B, ['WIRE', 'PARITY'], 'error', 'a row (matrix cell, policy rule, table entry) is gone; old journals using it are refused'),
  rule('DATA_ROW_ADDED', F, ['WIRE', 'PARITY'], 'error', 'a row is new; released kernels do not know it'),
  rule('DATA_SET_VALUE_REMOVED', B, ['WIRE', 'CODEGEN', 'PARITY'], 'error', 'a value of a data set (states, vocabulary) is gone'),
  rule('DATA_SET_VALUE_ADDED', F, ['WIRE', 'CODEGEN', 'PARITY'], 'error', 'a value of a data set is new'),
  rule('DATA_VALUE_CHANGED', BF, ['WIRE', 'PARITY'], 'error', 'a value in a data table changed'),
  rule('DATA_VERSION_CHANGED', NONE, ['PARITY'], 'info', 'a *_version field of a data table changed'),
  rule('SAMPLE_REFUSED_BY_NEW', B, ['WIRE'], 'error', 'sampling found old-valid data the new schema refuses that no other rule explains'),
  rule('SAMPLE_REFUSED_BY_OLD', F, ['WIRE'], 'error', 'sampling found new-valid data the old schema refuses that no other rule explains'),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`unknown compat rule ${id}`);
  return found;
}

export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
