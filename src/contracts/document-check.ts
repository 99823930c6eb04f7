// Checks a text holding contract instances (one JSON document, or JSON lines) and reports each
// instance with its source, line, and errors (JSON pointer, keyword, message). Pure: the
// `lockstep validate` command reads the files and prints.
import { JsonParseError, parseJson } from '../canonical/index.js';
import type { ContractError } from './contract-error.js';
import type { ContractName } from '../../generated/ts/contract-index.js';
import { validate } from './validate.js';

export interface InstanceCheck {
  readonly source: string;
  /** 1-based line where the instance starts. */
  readonly line: number;
  /** Empty when valid; a parse failure is one error with keyword `json`. */
  readonly errors: readonly ContractError[];
}

/** JSON lines when the name says so, or when the text is not one JSON document but each non-empty line is. */
export type InputShape = 'auto' | 'json' | 'jsonl';

function checkValue(contract: ContractName, value: unknown, allErrors: boolean): ContractError[] {
  const result = validate(contract, value, { allErrors });
  return result.ok ? [] : [...result.errors];
}

function parseFailure(error: unknown): ContractError {
  if (error instanceof JsonParseError) return { path: error.pointer, keyword: 'json', message: `not JSON (${error.code}): ${error.message}` };
  return { path: '', keyword: 'json', message: `not JSON: ${(error as Error).message}` };
}

function checkLines(contract: ContractName, text: string, source: string, allErrors: boolean): InstanceCheck[] {
  const checks: InstanceCheck[] = [];
  text.split('\n').forEach((raw, index) => {
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = parseJson(lineText);
    } catch (error) {
      checks.push({ source, line: index + 1, errors: [parseFailure(error)] });
      return;
    }
    checks.push({ source, line: index + 1, errors: checkValue(contract, value, allErrors) });
  });
  return checks;
}

/** Every instance in `text`, checked against `contract`: the first error of each, or every one. */
export function checkDocument(contract: ContractName, text: string, source: string, options: { allErrors: boolean; shape: InputShape }): InstanceCheck[] {
  const shape = options.shape === 'auto' && /\.(jsonl|ndjson)$/i.test(source) ? 'jsonl' : options.shape;
  if (shape === 'jsonl') return checkLines(contract, text, source, options.allErrors);
  const start = Math.max(1, text.slice(0, text.search(/\S|$/)).split('\n').length);
  let value: unknown;
  try {
    value = parseJson(text.trim());
  } catch (error) {
    // Not one document: JSON lines, when there is more than one non-empty line to read.
    const lines = text.split('\n').filter((l) => l.trim() !== '').length;
    if (shape === 'auto' && lines > 1) return checkLines(contract, text, source, options.allErrors);
    const failure = parseFailure(error);
    const line = error instanceof JsonParseError ? start - 1 + error.line : start;
    return [{ source, line, errors: [failure] }];
  }
  return [{ source, line: start, errors: checkValue(contract, value, options.allErrors) }];
}
