import { walkSchema } from '../../model/walk.js';
import { reporter, type LintRule } from '../rule.js';

/** A rule that forbids keywords anywhere in a schema, with the reason why. */
function forbid(name: string, keywords: readonly string[], why: string): LintRule {
  return {
    name,
    description: `no ${keywords.join(' / ')}: ${why}`,
    check(file) {
      const report = reporter(name, file);
      return walkSchema(file.schema).flatMap((node) =>
        keywords
          .filter((keyword) => node.schema[keyword] !== undefined)
          .map((keyword) => report(`${node.pointer}/${keyword}`, `${keyword} is not allowed: ${why}`)),
      );
    },
  };
}

export const noPrefixItems = forbid(
  'no-prefix-items',
  ['prefixItems'],
  'json-schema-to-typescript and typify cannot type tuples; use an object',
);
export const noUnevaluated = forbid(
  'no-unevaluated',
  ['unevaluatedProperties', 'unevaluatedItems'],
  'types still get an index signature and validators slow down; use additionalProperties: false',
);
export const noAnyOf = forbid('no-any-of', ['anyOf'], 'unions are tagged oneOf of $refs');
export const noComposition = forbid(
  'no-composition',
  ['allOf', 'not', 'if', 'then', 'else'],
  'domain types are plain objects, scalars and tagged unions',
);
