import type { SchemaSet } from '../schema-set.js';
import { atPointer } from './walk.js';
import { taggedUnionsOfSet } from './tagged-unions.js';

/**
 * The schemas as the validators compile them: as written, plus, at every tagged union,
 * `type: "object"` and ajv's `discriminator: { propertyName: <tag> }`. Both are derived from
 * the house-rule union shape (the lint guarantees it), so they change no verdict; they make
 * the first error the one docs/protocol.md names (`type`, then `discriminator`, then the
 * selected branch only) instead of the errors of every branch.
 */
export function compiledSchemas(set: SchemaSet): any[] {
  const copies = new Map(set.files.map((file) => [file.fileName, structuredClone(file.schema)]));
  for (const union of taggedUnionsOfSet(set)) {
    if (union.tag === undefined) continue;
    const node = atPointer(copies.get(union.file.fileName), union.pointer) as Record<string, unknown>;
    // Rebuild the node so the injected keywords sit before oneOf (stable, readable output).
    const rebuilt: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'oneOf') {
        rebuilt.type = 'object';
        rebuilt.discriminator = { propertyName: union.tag };
      }
      rebuilt[key] = value;
    }
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, rebuilt);
  }
  return set.files.map((file) => copies.get(file.fileName));
}
