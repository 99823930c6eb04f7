// Machine output for CI, shared by every command that checks things (`--format`): `text` is the
// command's own human output; junit, github and jsonl render the same CheckResult list.
import type { CheckResult } from './check-result.js';
import { toGithub } from './github.js';
import { toJsonl } from './jsonl.js';
import { toJunit } from './junit.js';

export type { CheckResult } from './check-result.js';
export const OUTPUT_FORMATS = ['text', 'junit', 'github', 'jsonl'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The text for `--format`, or undefined when the value is not a format. */
export function parseOutputFormat(value: string): OutputFormat | undefined {
  return (OUTPUT_FORMATS as readonly string[]).includes(value) ? (value as OutputFormat) : undefined;
}

/** `tool` names the command (`lockstep parity`); `text` has no rendering here. */
export function renderResults(format: Exclude<OutputFormat, 'text'>, tool: string, results: readonly CheckResult[]): string {
  if (format === 'junit') return toJunit(tool, results);
  if (format === 'github') return toGithub(tool, results);
  return toJsonl(tool, results);
}
