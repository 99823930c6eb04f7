/**
 * The JSON string literal of `text` as RFC 8785 writes it (identical to `JSON.stringify`), or
 * `undefined` when `text` holds a lone surrogate. Most strings in this project (enum values,
 * ids) need no escaping: one scan decides, and only strings with a quote, a backslash, a
 * control character or a surrogate go through `JSON.stringify` (per-call cost of the native
 * call dominated canonicalisation when used for every string).
 */
export function quoteString(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit >= 0xd800 && unit <= 0xdfff)) {
      return isWellFormed(text) ? JSON.stringify(text) : undefined;
    }
  }
  return `"${text}"`;
}

/**
 * ES2024's `String.prototype.isWellFormed` (native since Node 20): no lone UTF-16 surrogate.
 * The ES2022 lib this project compiles against does not declare it, and augmenting the global
 * `String` would leak into the published declarations, hence the local view of the method.
 */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
