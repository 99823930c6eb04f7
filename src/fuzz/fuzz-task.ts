/**
 * A fuzz task (`schemas/fuzz_task.schema.json`) is a pure function of its inputs: scenario k's
 * seed is a hash of the task's identity (commit, target, level, shard, epoch, corpus hash,
 * generator bound) and k, so any task reruns anywhere with the same scenarios, and no two
 * shards or epochs share a seed stream. The budgets (runs, time) only say how far along that
 * stream a task goes; they are left out of the hash so a longer budget extends a shorter one.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FuzzTask } from '../../generated/ts/types.js';
import { canonicalize, parseJson } from '../canonical/index.js';
import { validate } from '../contracts/index.js';

export type { FuzzTask };

export const TASK_VERSION = 'lockstep.fuzz_task.v1' as const;

/** A task that cannot be read or is not schema-valid; the message names where. */
export class FuzzTaskError extends Error {
  override readonly name = 'FuzzTaskError';
}

/** The fields that decide the seed stream, as canonical JSON. */
export function taskIdentity(t: FuzzTask): string {
  const { commit, target, level, shard, epoch, corpus_hash } = t;
  return canonicalize({ commit, target, level, shard, epoch, corpus_hash, max_commands: t.max_commands ?? null });
}

/** The seeds of a task, by scenario index: sha256(identity, NUL, k), first 31 bits. */
export function taskSeeds(t: FuzzTask): (k: number) => number {
  const prefix: Hash = createHash('sha256').update(taskIdentity(t)).update('\u0000');
  return (k) => prefix.copy().update(String(k)).digest().readUInt32BE(0) & 0x7fffffff;
}

/**
 * A task from the argument of `--task`: inline JSON, or `@<file>` holding it. Refused with the
 * first schema error and its JSON pointer, never a stack trace.
 */
export function readTask(argument: string): FuzzTask {
  let text = argument;
  if (argument.startsWith('@')) {
    try {
      text = readFileSync(argument.slice(1), 'utf8');
    } catch (error) {
      throw new FuzzTaskError(`--task ${argument}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (error) {
    throw new FuzzTaskError(`--task: not JSON: ${(error as Error).message}`);
  }
  const checked = validate('FuzzTask', value);
  if (!checked.ok) {
    const e = checked.errors[0]!;
    throw new FuzzTaskError(`--task: not a fuzz task at ${e.path || '/'}: ${e.message}`);
  }
  const task = value as FuzzTask;
  if (task.shard.index > task.shard.count) throw new FuzzTaskError(`--task: /shard/index ${task.shard.index} is above /shard/count ${task.shard.count}`);
  return task;
}

/** What a job is: every field of its tasks but the shard index. */
export type JobPlan = Omit<FuzzTask, 'task_version' | 'shard'> & { readonly shards: number };

/** The tasks of a job, shard 1 to n: what a CI matrix or an indexed Job runs, one per copy. */
export function planTasks(job: JobPlan): FuzzTask[] {
  const { shards, ...rest } = job;
  return Array.from({ length: shards }, (_, i) => ({ task_version: TASK_VERSION, ...rest, shard: { index: i + 1, count: shards } }));
}
