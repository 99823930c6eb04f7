import type { SchemaSet } from '../schema-set.js';

/** The values of the string enum titled `title` (a `$defs` entry of some file), in schema order. */
export function enumValues(set: SchemaSet, title: string): string[] {
  for (const file of set.files) {
    for (const def of Object.values(file.schema.$defs ?? {})) {
      const schema = def as { title?: unknown; enum?: unknown };
      if (schema.title === title && Array.isArray(schema.enum)) return schema.enum.map(String);
    }
  }
  throw new Error(`schemas/: no enum titled ${title}`);
}
