/** Rust spellings of schema names: types, fields, enum variants, functions, literals. */

const RUST_KEYWORDS = new Set([
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if', 'impl', 'in',
  'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'self', 'Self', 'static', 'struct', 'super',
  'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while', 'async', 'await', 'dyn', 'abstract', 'become', 'box',
  'do', 'final', 'macro', 'override', 'priv', 'typeof', 'unsized', 'virtual', 'yield', 'try', 'gen',
]);

/** A JSON property name as a Rust field name (raw identifier for keywords). */
export function fieldName(json: string): string {
  const snake = json.replace(/[^A-Za-z0-9_]/g, '_');
  return RUST_KEYWORDS.has(snake) ? `r#${snake}` : snake;
}

/** An enum value as a Rust variant: `ORDER_REQUESTED` -> `OrderRequested`, `backtest` -> `Backtest`. */
export function variantName(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1).toLowerCase())
    .join('');
}

/** A type name as a snake_case function suffix: `EnterIntent` -> `enter_intent`. */
export function snakeName(typeName: string): string {
  return typeName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** A JS string as a Rust string literal (JSON escaping is valid Rust for the text we emit). */
export function rustString(text: string): string {
  return JSON.stringify(text).replace(/\{/g, '{').replace(/\\u([0-9a-fA-F]{4})/g, '\\u{$1}');
}

/** A finite JSON number as an f64 Rust literal. */
export function rustF64(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`non-finite bound ${value}`);
  const text = String(value);
  return /[.e]/.test(text) ? text.replace('e+', 'e') : `${text}.0`;
}

/** A doc comment line for a description (first line kept; Rust doc comments are line based). */
export function docLines(indent: string, description: string | undefined, fallback: string): string[] {
  const text = (description ?? fallback).trim();
  return text.split('\n').map((line) => `${indent}/// ${line}`.trimEnd());
}

/** Order of keys in canonical JSON (RFC 8785): by UTF-16 code units, which is JS string order. */
export function utf16Compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
