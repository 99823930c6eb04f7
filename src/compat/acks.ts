// Accepted breaks, listed structurally (rule, schema, pointer, reason) in a committed file. An
// ack that matches no finding is stale and fails the run, so the list never silently rots.
import { readFileSync, existsSync } from 'node:fs';
import { findingPointer, type Finding } from './finding.js';
import { isObject } from './refs.js';
import { isRuleId } from './rules.js';

export interface Ack {
  readonly rule: string;
  readonly schema: string;
  readonly pointer: string;
  readonly reason: string;
}

export class AckFileError extends Error {
  override readonly name = 'AckFileError';
}

export const DEFAULT_ACKS = 'contracts/compat-acks.json';

/** Parses an acks file: `{ "acks": [ { rule, schema, pointer, reason } ] }`; errors name the entry. */
export function parseAcks(text: string, source: string): Ack[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AckFileError(`${source}: not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed.acks)) throw new AckFileError(`${source}: expected an object with an "acks" array`);
  return parsed.acks.map((entry, i) => {
    const where = `${source}: /acks/${i}`;
    if (!isObject(entry)) throw new AckFileError(`${where}: expected an object`);
    for (const key of ['rule', 'schema', 'pointer', 'reason']) {
      if (typeof entry[key] !== 'string') throw new AckFileError(`${where}: "${key}" must be a string`);
    }
    if (!isRuleId(entry.rule as string)) throw new AckFileError(`${where}: unknown rule ${String(entry.rule)}`);
    if ((entry.reason as string).trim() === '') throw new AckFileError(`${where}: "reason" must say why the break is accepted`);
    return { rule: entry.rule as string, schema: entry.schema as string, pointer: entry.pointer as string, reason: entry.reason as string };
  });
}

export function loadAcks(path: string): Ack[] {
  if (!existsSync(path)) return [];
  return parseAcks(readFileSync(path, 'utf8'), path);
}

function matches(ack: Ack, f: Finding): boolean {
  if (ack.rule !== f.rule || ack.schema !== f.schema) return false;
  const old = f.oldPointer === null ? undefined : f.oldPointer.slice(f.oldPointer.indexOf('#') + 1);
  return ack.pointer === findingPointer(f) || ack.pointer === old;
}

/** Marks acknowledged findings; returns the acks that matched nothing (stale). */
export function applyAcks(acks: readonly Ack[], findings: readonly Finding[]): Ack[] {
  const stale: Ack[] = [];
  for (const ack of acks) {
    const hit = findings.filter((f) => matches(ack, f));
    for (const f of hit) f.acknowledged = ack.reason;
    if (hit.length === 0) stale.push(ack);
  }
  return stale;
}
