// A journal as a readable timeline: one line per record (request, answer, transitions), and
// `--trace ID`, which follows one intent (or trade, or order) through its orders, venue
// events, fills and reconciles by the ids the requests and the transitions name.
import { forEachRecord } from './journal-records.js';

type Json = Record<string, unknown>;

const ID_FIELDS = ['intent_id', 'trade_id', 'order_id', 'reconcile_id'] as const;

function parse(text: string): Json | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Ids named by a value's id fields, at any depth. */
function idsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if ((ID_FIELDS as readonly string[]).includes(k) && typeof v === 'string') out.add(v);
      else idsIn(v, out);
    }
  }
  return out;
}

function transitionsOf(response: Json): Json[] {
  const outcome = (response['result'] as Json | undefined)?.['outcome'] as Json | undefined;
  return Array.isArray(outcome?.['transitions']) ? (outcome['transitions'] as Json[]) : [];
}

function describeRequest(req: Json | undefined, raw: string): string {
  if (req === undefined) return `(not JSON) ${JSON.stringify(raw.slice(0, 60))}`;
  const op = String(req['op']);
  const event = req['event'] as Json | undefined;
  const intent = req['intent'] as Json | undefined;
  const extra = event ? ` ${String(event['kind'] ?? '')} ${String(event['order_id'] ?? event['event_id'] ?? '')}` : intent ? ` ${String(intent['kind'] ?? '')} ${String(intent['trade_id'] ?? '')}` : '';
  return `${op} seq=${String(req['seq'])}${extra}`.trimEnd();
}

function describeResponse(res: Json): string {
  if (res['op'] === 'error') {
    const e = res['error'] as Json;
    return `error ${String(e['code'])}${e['path'] ? ` at ${String(e['path'])}` : ''}`;
  }
  const outcome = (res['result'] as Json | undefined)?.['outcome'] as Json | undefined;
  if (outcome === undefined) return String(res['op']);
  const moves = transitionsOf(res).map((t) => `${String(t['machine'])} ${String(t['order_id'] ?? t['trade_id'] ?? '')} ${String(t['from'])}->${String(t['to'])}`);
  return `${String(outcome['code'])}${moves.length ? `; ${moves.join(', ')}` : ''}`;
}

/** `, continues BUILD at #INDEX` for a run that names its parent run. */
function parentOf(run: Json): string {
  const parent = run['parent_run'] as Json | undefined;
  return parent === undefined ? '' : `, continues ${String(parent['build_id'])} at #${String(parent['index'])}`;
}

/** The timeline lines of a journal; with `trace`, only the records of that id's story. */
export function showJournal(path: string, trace?: string): string[] {
  const lines: string[] = [];
  const followed = new Set<string>(trace === undefined ? [] : [trace]);
  // A trace stays in the session it starts in: the next session reuses ids from 1 again.
  let traced = false;
  forEachRecord(path, ({ position, record }) => {
    if (traced && (record.kind === 'recovered' || record.kind === 'seal')) return false;
    if (position === 0) {
      const run = (record as unknown as { run: Json }).run;
      if (trace === undefined) lines.push(`header: ${JSON.stringify(run['implementation'])} build ${String(run['build_id'])}, K=${String(run['checkpoint_interval'])}${parentOf(run)}`);
      return;
    }
    if (record.kind === 'recovered' && trace === undefined) {
      const run = (record as unknown as { run?: Json }).run;
      const torn = (record as unknown as { torn_bytes: number }).torn_bytes;
      lines.push(`#${record.index}  [recovered] ${run === undefined ? 'a new run' : `run ${String(run['build_id'])}${parentOf(run)}`}, ${torn} torn bytes cut`);
      return;
    }
    if (record.kind === 'step' || record.kind === 'line_fault') {
      const req = record.kind === 'step' ? parse(record.request) : undefined;
      const res = record.response as unknown as Json;
      if (trace !== undefined) {
        const own = idsIn(req, new Set());
        idsIn(transitionsOf(res), own);
        const hit = [...own].some((id) => followed.has(id) || [...followed].some((f) => id.startsWith(`${f}#`)));
        if (!hit) return res['op'] === 'bye' && traced ? false : undefined;
        for (const id of own) followed.add(id);
        traced = true;
      }
      const what = record.kind === 'step' ? describeRequest(req, record.request) : `(line ${record.request_fault})`;
      lines.push(`#${record.index}  ${what}  ->  ${describeResponse(res)}`);
      return res['op'] === 'bye' && traced ? false : undefined;
    }
    if (trace === undefined) lines.push(`#${record.index}  [${record.kind}]`);
  });
  return lines;
}
