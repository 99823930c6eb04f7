import { unionTags } from '../../generated/ts/contract-index.js';
import { QUOTED_VALUE_CHARS_MAX } from '../../generated/ts/protocol-edge.js';
import { cutText } from '../canonical/index.js';
import type { CompiledValidatorError } from '../../generated/ts/validators.js';
import type { ContractError } from './contract-error.js';

/** Escapes one JSON pointer reference token (RFC 6901). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A value, briefly, for a message: short JSON, or its kind when it is big. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  return cutText(text, QUOTED_VALUE_CHARS_MAX);
}

function list(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function where(path: string): string {
  return path === '' ? 'at the root' : `at ${path}`;
}

/**
 * The first unknown key in sorted (UTF-16 code unit) order, so that implementations with
 * sorted maps and insertion-ordered maps report the same key (docs/protocol.md).
 */
export function firstUnknownKey(data: unknown, properties: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const known = (typeof properties === 'object' && properties !== null ? properties : {}) as object;
  const unknown = Object.keys(data).filter((key) => !Object.prototype.hasOwnProperty.call(known, key));
  return unknown.sort()[0];
}

/** Where an error points: the failing value, or the missing / unknown property. */
function pathOf(error: CompiledValidatorError): string {
  if (error.keyword === 'required') return `${error.instancePath}/${pointerToken(String(error.params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') {
    const key = firstUnknownKey(error.data, error.parentSchema?.properties) ?? String(error.params.additionalProperty);
    return `${error.instancePath}/${pointerToken(key)}`;
  }
  return error.instancePath;
}

function discriminatorMessage(error: CompiledValidatorError): string {
  const tagName = String(error.params.tag);
  const union = unionTags[String(error.parentSchema?.title)];
  const expected = union === undefined ? 'a known tag' : `one of ${list(union.values)}`;
  return error.params.error === 'tag'
    ? `tag "${tagName}" must be a string, ${expected}, found ${describe(error.params.tagValue)}`
    : `tag "${tagName}" must be ${expected}, found ${describe(error.params.tagValue)}`;
}

/** What is wrong, in words, without the where. */
function whatOf(error: CompiledValidatorError, path: string): string {
  const params = error.params;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type)}, found ${describe(error.data)}`;
    case 'required':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties': {
      const key = path.slice(path.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as object);
      return `unknown property "${key}" (allowed: ${allowed.join(', ')})`;
    }
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}, found ${describe(error.data)}`;
    case 'enum':
      return `must be one of ${list(params.allowedValues as unknown[])}, found ${describe(error.data)}`;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `must be ${String(params.comparison)} ${String(params.limit)}, found ${describe(error.data)}`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long, found ${describe(error.data)}`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters long, found ${describe(error.data)}`;
    case 'pattern':
      return `must match ${String(params.pattern)}, found ${describe(error.data)}`;
    case 'maxItems':
      return `must have at most ${String(params.limit)} items, found ${describe(error.data)}`;
    case 'minItems':
      return `must have at least ${String(params.limit)} items, found ${describe(error.data)}`;
    case 'discriminator':
      return discriminatorMessage(error);
    default:
      return `${error.keyword}: ${error.message ?? 'is invalid'}`;
  }
}

/** Turns an ajv error into a ContractError with the path and sentence of docs/protocol.md. */
export function toContractError(error: CompiledValidatorError): ContractError {
  const path = pathOf(error);
  return { path, keyword: error.keyword, message: `${whatOf(error, path)} ${where(path)}` };
}
