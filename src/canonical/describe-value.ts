import { cutText } from './cut-text.js';
/**
 * A short, single-line rendering of any JavaScript value for error messages: numbers in
 * ECMAScript form (`NaN`, `-Infinity`, `9007199254740992`), strings as JSON (lone surrogates
 * escaped, so the message itself stays well-formed), and the kind of anything else.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return truncate(JSON.stringify(value));
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name === '' ? 'a function' : `function ${value.name}`;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length}`;
      if (Object.getPrototypeOf(value) === Object.prototype) return 'an object';
      return `an instance of ${constructorName(value)}`;
  }
  return 'an unknown value';
}

/** The name of an object's constructor (`Date`, `Map`, `Object`), or `null-prototype object`. */
export function constructorName(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return 'null-prototype object';
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'an anonymous class';
}

/** Longest value description in a canonical JSON error, in code points. */
const DESCRIPTION_CHARS_MAX = 80;

function truncate(text: string): string {
  return cutText(text, DESCRIPTION_CHARS_MAX);
}
