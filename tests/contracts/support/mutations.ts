import type { SchemaFile, SchemaSet } from '../../../codegen/schema-set.js';
import { editAt, valueLocations, type ValueLocation } from './value-locations.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export type MutationKind = 'drop-required' | 'unknown-field' | 'out-of-bounds' | 'wrong-enum' | 'wrong-tag' | 'wrong-type';

/** A near-valid value: one edit away from a valid one, with the error docs/protocol.md predicts. */
export interface Mutation {
  readonly kind: MutationKind;
  readonly value: Json;
  readonly expectedPath: string;
  readonly expectedKeyword: string;
  /** Titles of the schemas crossed to the edited place (innermost last). */
  readonly titles: readonly string[];
}

export const UNKNOWN_FIELD = 'zz_unknown_field';

function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A mutation not yet applied: applying it clones the value once. */
export interface PendingMutation {
  readonly kind: MutationKind;
  readonly expectedPath: string;
  apply(): Mutation;
}

function pending(kind: MutationKind, location: ValueLocation, keyword: string, build: () => Json, path = location.pointer): PendingMutation {
  return {
    kind,
    expectedPath: path,
    apply: () => ({ kind, value: build(), expectedPath: path, expectedKeyword: keyword, titles: location.titles }),
  };
}

/** Every single-edit mutation of a valid value of the contract `file`, unapplied. */
export function mutationsOf(set: SchemaSet, file: SchemaFile, value: Json): PendingMutation[] {
  const locations = valueLocations(set, file, file.schema, value);
  const tagsAt = new Map(locations.filter((l) => l.tag !== undefined).map((l) => [l.pointer, l.tag as string]));
  const found: PendingMutation[] = [];
  for (const location of locations) {
    const { schema, pointer } = location;
    const tag = location.tag;
    if (tag !== undefined) {
      found.push(pending('wrong-tag', location, 'discriminator', () => editAt(value, pointer, (old) => ({ ...old, [tag]: 'NOT_A_TAG' }))));
    }
    const typeKeyword = schema.type !== undefined || Array.isArray(schema.oneOf) ? 'type' : schema.const !== undefined ? 'const' : 'enum';
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    const isTag = pointer !== '' && tagsAt.get(parent) === pointer.slice(pointer.lastIndexOf('/') + 1);
    // A tag of the wrong type is a discriminator error at the union's object.
    found.push(
      isTag
        ? pending('wrong-type', location, 'discriminator', () => editAt(value, pointer, () => null), parent)
        : pending('wrong-type', location, typeKeyword, () => editAt(value, pointer, () => null)),
    );
    if (schema.type === 'object') {
      for (const name of (schema.required ?? []) as string[]) {
        // Dropping the tag is a discriminator error at the union, covered by wrong-tag.
        if (tagsAt.get(pointer) === name) continue;
        const at = `${pointer}/${token(name)}`;
        found.push(pending('drop-required', location, 'required', () => editAt(value, at, () => undefined), at));
      }
      const at = `${pointer}/${UNKNOWN_FIELD}`;
      found.push(pending('unknown-field', location, 'additionalProperties', () => editAt(value, pointer, (old) => ({ ...old, [UNKNOWN_FIELD]: 1 })), at));
    }
    if (Array.isArray(schema.enum)) found.push(pending('wrong-enum', location, 'enum', () => editAt(value, pointer, () => 'NOT_A_MEMBER')));
    if (schema.maximum !== undefined) {
      const beyond = schema.maximum + Math.max(1, Math.abs(schema.maximum));
      found.push(pending('out-of-bounds', location, 'maximum', () => editAt(value, pointer, () => beyond)));
    } else if (schema.exclusiveMaximum !== undefined) {
      found.push(pending('out-of-bounds', location, 'exclusiveMaximum', () => editAt(value, pointer, () => schema.exclusiveMaximum)));
    }
  }
  return found;
}
