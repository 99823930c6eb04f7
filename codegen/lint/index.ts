import { closedObject } from './rules/closed-object.js';
import { noAnyOf, noComposition, noPrefixItems, noUnevaluated } from './rules/forbidden-keyword.js';
import { numericBounds } from './rules/numeric-bounds.js';
import { propertyDescription } from './rules/property-description.js';
import { schemaDialect } from './rules/schema-dialect.js';
import { schemaDocumented } from './rules/schema-documented.js';
import { strictEnum } from './rules/strict-enum.js';
import { taggedUnion } from './rules/tagged-union.js';
import { titledDefs } from './rules/titled-defs.js';
import { versionedId } from './rules/versioned-id.js';
import type { LintRule, LintSet, LintViolation } from './rule.js';

export { formatViolation, type LintRule, type LintSet, type LintViolation } from './rule.js';

/** The house rules, in the order violations are reported. */
export const houseRules: readonly LintRule[] = [
  schemaDialect,
  versionedId,
  schemaDocumented,
  titledDefs,
  propertyDescription,
  closedObject,
  taggedUnion,
  strictEnum,
  numericBounds,
  noPrefixItems,
  noUnevaluated,
  noAnyOf,
  noComposition,
];

/** Every violation of every house rule in every file, file by file. */
export function lintSchemaSet(set: LintSet): LintViolation[] {
  return set.files.flatMap((file) => houseRules.flatMap((rule) => rule.check(file, set)));
}
