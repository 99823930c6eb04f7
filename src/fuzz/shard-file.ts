/**
 * A shard's result file (`schemas/fuzz_shard_record.schema.json`): JSON lines, a header first
 * (task, build, contracts hash), failures as they are found, the coverage, and a footer last
 * (complete, runs, time), with the smallest failing scenarios of each signature written whole
 * just before the coverage. Lines are written as they happen, each canonical JSON plus `\n`, so a
 * task killed midway leaves a file without its footer: read back, that file is `partial` and
 * the merge lists it instead of counting it (never merged silently).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { FuzzShardCoverage, FuzzShardExemplar, FuzzShardFailure, FuzzShardFooter, FuzzShardHeader, FuzzShardRecord } from '../../generated/ts/types.js';
import { canonicalize, parseJson } from '../canonical/index.js';
import { validate } from '../contracts/index.js';

export type { FuzzShardCoverage, FuzzShardExemplar, FuzzShardFailure, FuzzShardFooter, FuzzShardHeader };

export const SHARD_FORMAT = 'lockstep.fuzz_shard.v1' as const;

/** Appends records to a shard file; the header goes first when the writer is opened. */
export class ShardFileWriter {
  private readonly fd: number;

  constructor(readonly path: string, header: Omit<FuzzShardHeader, 'record' | 'format'>) {
    this.fd = openSync(path, 'w');
    this.write({ record: 'header', format: SHARD_FORMAT, ...header });
  }

  write(record: FuzzShardRecord): void {
    writeSync(this.fd, `${canonicalize(record)}\n`);
  }

  /** Writes the footer and closes: the file is complete only from here on. */
  close(footer: Omit<FuzzShardFooter, 'record'>): void {
    this.write({ record: 'footer', ...footer });
    closeSync(this.fd);
  }

  /** Closes without a footer (the task failed midway): the file stays partial. */
  abandon(): void {
    closeSync(this.fd);
  }
}

/** A shard file read back. */
export interface ShardFile {
  readonly file: string;
  readonly header: FuzzShardHeader;
  readonly failures: readonly FuzzShardFailure[];
  /** The smallest failing scenarios of each signature, whole. */
  readonly exemplars: readonly FuzzShardExemplar[];
  readonly coverage: FuzzShardCoverage | undefined;
  /** Absent: the task did not finish writing (killed, crashed, out of time). */
  readonly footer: FuzzShardFooter | undefined;
}

/** A shard file that cannot be read as one; the message names the file and line. */
export class ShardFileError extends Error {
  override readonly name = 'ShardFileError';
}

/**
 * Reads a shard file. A torn last line (no `\n`: the writer died mid-line) counts as absent,
 * which leaves the file partial; any other bad line is an error naming file, line and pointer.
 */
export function readShardFile(file: string, text = readFileSync(file, 'utf8')): ShardFile {
  const lines = text.split('\n');
  // The piece after the last `\n` is empty for a whole file, a torn line otherwise: dropped.
  lines.pop();
  const records = lines.map((line, i) => {
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = parseJson(line);
    } catch (error) {
      throw new ShardFileError(`${where}: not JSON: ${(error as Error).message}`);
    }
    const checked = validate('FuzzShardRecord', value);
    if (!checked.ok) throw new ShardFileError(`${where}: not a shard record at ${checked.errors[0]!.path || '/'}: ${checked.errors[0]!.message}`);
    return value as FuzzShardRecord;
  });
  const header = records[0];
  if (header?.record !== 'header') throw new ShardFileError(`${file}:1: the first line must be the shard header`);
  const failures: FuzzShardFailure[] = [];
  const exemplars: FuzzShardExemplar[] = [];
  let coverage: FuzzShardCoverage | undefined;
  let footer: FuzzShardFooter | undefined;
  records.slice(1).forEach((r, i) => {
    const where = `${file}:${i + 2}`;
    if (footer !== undefined) throw new ShardFileError(`${where}: a record after the footer`);
    if (r.record === 'header') throw new ShardFileError(`${where}: a second header`);
    if (r.record === 'failure') failures.push(r);
    else if (r.record === 'exemplar') exemplars.push(r);
    else if (r.record === 'coverage') coverage = r;
    else footer = r;
  });
  return { file, header, failures, exemplars, coverage, footer };
}
