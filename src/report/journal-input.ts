// A journal comparison (`lockstep journal compare --json`) as the replay gate: two journals
// that must match. The accepted shape is schemas/inputs/journal_compare.schema.json.
import type { Gate } from '../../generated/ts/types.js';
import type { ReportPart } from './report-part.js';

/** lockstep journal compare --json (schemas/journal_compare.schema.json: a, b), or left/right. */
export interface JournalCompare {
  readonly a?: unknown;
  readonly b?: unknown;
  readonly left?: unknown;
  readonly right?: unknown;
  readonly equal?: boolean;
  readonly identical?: boolean;
  readonly same?: boolean;
  readonly first_difference?: unknown;
}

const describe = (side: unknown): string => {
  if (typeof side === 'string') return side;
  const o = (side ?? {}) as Record<string, unknown>;
  const name = o.file ?? o.path ?? o.journal ?? o.name;
  return typeof name === 'string' ? name : JSON.stringify(side);
};

/** Values in a summary line are cut (by code point) so one record cannot flood the page. */
const VALUE_CHARS_MAX = 120;
const clip = (text: string): string => {
  const chars = [...text];
  return chars.length <= VALUE_CHARS_MAX ? text : `${chars.slice(0, VALUE_CHARS_MAX).join('')}…`;
};

function differenceText(d: unknown): string {
  if (d === undefined || d === null) return '';
  if (typeof d === 'string') return d;
  const o = d as Record<string, unknown>;
  const at = o.index ?? o.record ?? o.line ?? o.position;
  const pointer = typeof o.pointer === 'string' ? ` at ${o.pointer || '(whole record)'}` : '';
  const values = typeof o.a === 'string' && typeof o.b === 'string' ? `: ${clip(o.a)} vs ${clip(o.b)}` : '';
  return `first differing record${at !== undefined ? ` ${String(at)}` : ''}${pointer}${values}`;
}

export function journalPart(compare: JournalCompare, file: string): ReportPart {
  const same = compare.equal ?? compare.identical ?? compare.same ?? (compare.first_difference === undefined || compare.first_difference === null);
  const left = describe(compare.a ?? compare.left);
  const right = describe(compare.b ?? compare.right);
  const command = `lockstep journal compare ${left} ${right} --json`;
  const difference = differenceText(compare.first_difference);
  const gate: Gate = {
    gate: 'replay',
    subject: `${left} vs ${right}`,
    status: same ? 'pass' : 'fail',
    summary: same ? `the journals match (${file})` : `the journals differ: ${difference || 'see the comparison'} (${file})`,
    metrics: [{ name: 'differences', value: same ? 0 : 1 }],
    red: same ? [] : [{ what: `${left} vs ${right}: ${difference || 'differ'}`, command }],
    red_total: same ? 0 : 1,
  };
  const findings = same ? [] : [{ source: 'journal' as const, severity: 'breaking' as const, rule: 'journal-differs', where: `${left} vs ${right}`, message: difference || 'the journals differ' }];
  return { gates: [gate], coverage: [], divergences: [], timelines: [], findings, totals: {} };
}
