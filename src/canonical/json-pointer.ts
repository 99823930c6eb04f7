/** One step of a path into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/**
 * The RFC 6901 JSON pointer of a path: `""` for the root, `/a/0/b` below it, with `~` written
 * `~0` and `/` written `~1` inside keys (the form docs/protocol.md uses for every error path).
 */
export function jsonPointer(path: readonly PathSegment[]): string {
  let pointer = '';
  for (const segment of path) {
    pointer += typeof segment === 'number' ? `/${segment}` : `/${escapeSegment(segment)}`;
  }
  return pointer;
}

function escapeSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key;
}
