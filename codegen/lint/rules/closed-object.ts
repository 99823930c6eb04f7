import { walkSchema } from '../../model/walk.js';
import { hasType, reporter, type LintRule } from '../rule.js';

/** Closed content models: an object refuses properties it does not list. */
export const closedObject: LintRule = {
  name: 'closed-object',
  description: 'every object schema has additionalProperties: false',
  check(file) {
    const report = reporter(this.name, file);
    return walkSchema(file.schema)
      .filter((node) => hasType(node.schema, 'object') || node.schema.properties !== undefined)
      .filter((node) => node.schema.additionalProperties !== false)
      .map((node) => report(node.pointer, 'object schema needs additionalProperties: false'));
  },
};
