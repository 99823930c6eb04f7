// $ref resolution across the files of one contract set. A node is always carried with its
// location (file + JSON pointer) so findings can name where a definition lives on each side.
import type { ContractSet } from './contract-set.js';

export interface Located {
  readonly node: unknown;
  readonly file: string;
  readonly pointer: string;
}

export class RefError extends Error {
  override readonly name = 'RefError';
}

/** Keywords that only document; they never change what validates. */
export const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', '$schema', '$id', '$defs', 'default']);

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function childOf(at: Located, ...tokens: (string | number)[]): Located {
  let node: unknown = at.node;
  for (const token of tokens) node = node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[token];
  return { node, file: at.file, pointer: at.pointer + tokens.map((t) => `/${escapePointer(String(t))}`).join('') };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Resolves `$ref`s of one set; a `$ref` with sibling constraints has the siblings laid over the target. */
export class RefResolver {
  private readonly byId = new Map<string, string>();

  constructor(readonly set: ContractSet) {
    for (const [file, schema] of set.schemas) {
      this.byId.set(file, file);
      if (isObject(schema) && typeof schema.$id === 'string') this.byId.set(schema.$id, file);
    }
  }

  root(file: string): Located {
    return { node: this.set.schemas.get(file), file, pointer: '' };
  }

  private target(ref: string, from: Located): Located {
    const hash = ref.indexOf('#');
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    let file = from.file;
    if (base !== '') {
      const found = this.byId.get(base) ?? this.byId.get(base.slice(base.lastIndexOf('/') + 1));
      if (found === undefined) throw new RefError(`${this.set.label}: ${from.file}#${from.pointer}: $ref ${ref} names no schema of the set`);
      file = found;
    }
    const tokens = fragment === '' ? [] : fragment.split('/').slice(1).map(unescape);
    const located = childOf(this.root(file), ...tokens);
    if (located.node === undefined) throw new RefError(`${this.set.label}: ${from.file}#${from.pointer}: $ref ${ref} points at nothing`);
    return located;
  }

  /** Follows `$ref` chains (at most 32 hops, so a ref loop is an error, never a hang). */
  resolve(at: Located): Located {
    let current = at;
    let siblings: Record<string, unknown> = {};
    for (let hops = 0; hops < 32; hops++) {
      const node = current.node;
      if (!isObject(node) || typeof node.$ref !== 'string') {
        if (Object.keys(siblings).length === 0 || !isObject(node)) return current;
        return { ...current, node: { ...node, ...siblings } };
      }
      const { $ref, ...rest } = node;
      for (const [key, value] of Object.entries(rest)) if (!ANNOTATIONS.has(key) && !(key in siblings)) siblings[key] = value;
      current = this.target($ref as string, current);
    }
    throw new RefError(`${this.set.label}: ${at.file}#${at.pointer}: $ref chain longer than 32 hops (a loop?)`);
  }
}

export function locString(at: Located): string {
  return `${at.file}#${at.pointer}`;
}
