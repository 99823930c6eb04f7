import { reporter, type LintRule } from '../rule.js';

function isText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Every schema file has a `title` (its contract name) and a `description`. */
export const schemaDocumented: LintRule = {
  name: 'schema-documented',
  description: 'the schema has a title and a description',
  check(file) {
    const report = reporter(this.name, file);
    return [
      ...(isText(file.schema.title) ? [] : [report('/title', 'the schema needs a non-empty title')]),
      ...(isText(file.schema.description) ? [] : [report('/description', 'the schema needs a non-empty description')]),
    ];
  },
};
