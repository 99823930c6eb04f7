import { escapePointerToken, walkSchema } from '../../model/walk.js';
import { reporter, type LintRule } from '../rule.js';

/** Every property says what it is. */
export const propertyDescription: LintRule = {
  name: 'property-description',
  description: 'every property has a description',
  check(file) {
    const report = reporter(this.name, file);
    return walkSchema(file.schema).flatMap((node) =>
      Object.entries<{ description?: unknown }>(node.schema.properties ?? {})
        .filter(([, property]) => typeof property?.description !== 'string' || property.description.trim() === '')
        .map(([name]) =>
          report(`${node.pointer}/properties/${escapePointerToken(name)}`, `property "${name}" needs a description`),
        ),
    );
  },
};
