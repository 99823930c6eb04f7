import { walkSchema } from '../../model/walk.js';
import { hasType, reporter, type LintRule, type LintViolation } from '../rule.js';

/** Enums are non-empty lists of distinct strings on a `type: "string"` schema. */
export const strictEnum: LintRule = {
  name: 'strict-enum',
  description: 'enum is a non-empty list of distinct strings on a string schema',
  check(file) {
    const report = reporter(this.name, file);
    const found: LintViolation[] = [];
    for (const node of walkSchema(file.schema)) {
      const values: unknown = node.schema.enum;
      if (values === undefined) continue;
      if (!Array.isArray(values) || values.length === 0) {
        found.push(report(`${node.pointer}/enum`, 'enum must be a non-empty array'));
        continue;
      }
      if (!hasType(node.schema, 'string')) found.push(report(`${node.pointer}/type`, 'an enum schema must be type "string"'));
      const seen = new Set<unknown>();
      values.forEach((value, index) => {
        if (typeof value !== 'string') found.push(report(`${node.pointer}/enum/${index}`, `enum value ${JSON.stringify(value)} is not a string`));
        else if (seen.has(value)) found.push(report(`${node.pointer}/enum/${index}`, `enum value "${value}" is listed twice`));
        seen.add(value);
      });
    }
    return found;
  },
};
