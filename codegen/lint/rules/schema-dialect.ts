import { reporter, type LintRule } from '../rule.js';

export const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Every schema file declares JSON Schema draft 2020-12. */
export const schemaDialect: LintRule = {
  name: 'schema-dialect',
  description: `$schema is ${DIALECT}`,
  check(file) {
    const report = reporter(this.name, file);
    return file.schema.$schema === DIALECT
      ? []
      : [report('/$schema', `$schema must be "${DIALECT}", found ${JSON.stringify(file.schema.$schema)}`)];
  },
};
