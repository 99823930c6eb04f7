import { walkSchema } from '../../model/walk.js';
import { hasType, reporter, type LintRule, type LintViolation } from '../rule.js';

/** Every number has both bounds: no field admits values the kernels were never written for. */
export const numericBounds: LintRule = {
  name: 'numeric-bounds',
  description: 'every number or integer schema has a lower and an upper bound',
  check(file) {
    const report = reporter(this.name, file);
    const found: LintViolation[] = [];
    for (const node of walkSchema(file.schema)) {
      if (!hasType(node.schema, 'number') && !hasType(node.schema, 'integer')) continue;
      if (node.schema.minimum === undefined && node.schema.exclusiveMinimum === undefined) {
        found.push(report(node.pointer, 'numeric schema needs minimum or exclusiveMinimum'));
      }
      if (node.schema.maximum === undefined && node.schema.exclusiveMaximum === undefined) {
        found.push(report(node.pointer, 'numeric schema needs maximum or exclusiveMaximum'));
      }
    }
    return found;
  },
};
