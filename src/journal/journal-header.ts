// The header (line 0): built by a writer, checked by a reader. It is checksummed on its own and
// must be exactly canonical; the Rust twin is journal_header.rs.
import { canonicalize } from '../canonical/index.js';
import { CONTRACTS_HASH } from '../../generated/ts/contracts-hash.js';
import type { JournalHeader, JournalParentRun } from '../../generated/ts/types.js';
import { checksumOf } from './checksum.js';
import { JOURNAL_CHECKPOINT_INTERVAL, JOURNAL_FORMAT } from './journal-format.js';
import { headerLine, type RecordLine } from './record-line.js';

export interface HeaderOptions {
  readonly implementation: { readonly name: string; readonly version: string; readonly language: string };
  readonly buildId?: string;
  readonly checkpointInterval?: number;
  /** The run this journal continues (a new journal after a sealed one). */
  readonly parentRun?: JournalParentRun;
  /** The contracts hash to name (default: the generated one; fixed vectors pin their own). */
  readonly contractsHash?: string;
}

/** The settings that shape a journal's bytes; config_hash is their canonical JSON's SHA-256. */
export function configHash(checkpointInterval: number): string {
  return checksumOf(canonicalize({ checkpoint_interval: checkpointInterval }));
}

/** The build id a writer names: the given one, else `name@version+dev`. */
export function buildIdOf(o: HeaderOptions): string {
  return o.buildId ?? `${o.implementation.name}@${o.implementation.version}+dev`;
}

export function buildHeader(o: HeaderOptions): RecordLine {
  const interval = o.checkpointInterval ?? JOURNAL_CHECKPOINT_INTERVAL;
  const { name, version, language } = o.implementation;
  const run: Record<string, unknown> = {
    build_id: buildIdOf(o),
    checkpoint_interval: interval,
    config_hash: configHash(interval),
    contracts_hash: o.contractsHash ?? CONTRACTS_HASH,
    implementation: { language, name, version },
  };
  if (o.parentRun !== undefined) run['parent_run'] = { build_id: o.parentRun.build_id, checksum: o.parentRun.checksum, index: o.parentRun.index };
  return headerLine({ format: JOURNAL_FORMAT, run });
}

/** The parsed header, or why line 0 is not one. */
export type HeaderCheck = { readonly ok: true; readonly header: JournalHeader } | { readonly ok: false; readonly message: string };

export function checkHeader(bytes: Uint8Array): HeaderCheck {
  const text = Buffer.from(bytes).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'line 0 is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'line 0 is not an object' };
  const h = value as Record<string, unknown>;
  if (h['kind'] !== 'header' || h['index'] !== 0) return { ok: false, message: 'line 0 is not a header (kind header, index 0)' };
  if (h['format'] !== JOURNAL_FORMAT) return { ok: false, message: `format ${String(h['format'])} is not ${JOURNAL_FORMAT}` };
  let canonical: string;
  try {
    canonical = canonicalize(h);
  } catch {
    return { ok: false, message: 'header has no canonical JSON' };
  }
  if (canonical !== text) return { ok: false, message: 'header is not in canonical form' };
  const { checksum, ...body } = h;
  if (checksum !== checksumOf(canonicalize(body))) return { ok: false, message: 'header checksum does not match its bytes' };
  const run = h['run'] as Record<string, unknown> | undefined;
  const interval = run?.['checkpoint_interval'];
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 2 || interval > 1048576) {
    return { ok: false, message: 'run.checkpoint_interval is not an integer from 2 to 1048576' };
  }
  return { ok: true, header: h as unknown as JournalHeader };
}
