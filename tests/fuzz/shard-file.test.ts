import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/fuzz/fuzz-run.js';
import { planTasks } from '../../src/fuzz/fuzz-task.js';
import { readShardFile, ShardFileError, ShardFileWriter, type FuzzShardFailure } from '../../src/fuzz/shard-file.js';

const task = planTasks({ commit: 'abc1234', target: 'rust', level: 'all', shards: 2, epoch: 0, runs: 10, corpus_hash: `sha256:${'1'.repeat(64)}` })[0]!;
const header = { task, build: { lockstep: '0.1.0', node: 'v20', target: 'rust: x' }, contracts_hash: `sha256:${'2'.repeat(64)}` };
const failure: FuzzShardFailure = {
  record: 'failure', signature: 'divergence | rust | intent:ENTER | /x | - | OK/OK', seed: 5, source: 'generated', kind: 'divergence',
  implementation: 'rust', step: 3, steps: 9, facts: { step_kind: 'intent:ENTER', pointer: '/x', cell: '', codes: { reference: 'OK', target: 'OK' } }, summary: 'x',
};
const kernelConfig = generateScenario('realistic', 1).config;
const footer = { complete: true, runs: 10, steps: 90, corpus_replayed: 0, regressions_replayed: 1, elapsed_ms: 12 };

function written(close: boolean): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lockstep-shard-')), 'shard.jsonl');
  const w = new ShardFileWriter(file, header);
  w.write(failure);
  w.write({ record: 'exemplar', signature: failure.signature, seed: 5, source: 'generated', scenario: { level: 'realistic', config: kernelConfig, steps: [{ kind: 'raw', base64: 'e30=' }] } });
  w.write({ record: 'coverage', slot: [{ key: 'IDLE -ENTER-> ORDER_REQUESTED', count: 2 }], order: [] });
  if (close) w.close(footer);
  else w.abandon();
  return file;
}

describe('shard result files', () => {
  it('read back what was written: header, failures, coverage, footer', () => {
    const shard = readShardFile(written(true));
    expect(shard.header).toMatchObject({ record: 'header', format: 'lockstep.fuzz_shard.v1', task });
    expect(shard.failures).toEqual([failure]);
    expect(shard.exemplars.map((e) => [e.signature, e.seed, e.scenario.steps.length])).toEqual([[failure.signature, 5, 1]]);
    expect(shard.coverage?.slot).toHaveLength(1);
    expect(shard.footer).toEqual({ record: 'footer', ...footer });
  });

  it('are partial without a footer, also when the last line is torn', () => {
    expect(readShardFile(written(false)).footer).toBeUndefined();
    const file = written(true);
    const text = readFileSync(file, 'utf8');
    const torn = text.slice(0, text.length - 20);
    const shard = readShardFile(file, torn);
    expect(shard.footer).toBeUndefined();
    expect(shard.failures).toHaveLength(1);
  });

  it('refuse a bad line before the end, naming file, line and pointer', () => {
    const file = written(true);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"seed":5', '"seed":-5');
    writeFileSync(file, lines.join('\n'));
    expect(() => readShardFile(file)).toThrow(ShardFileError);
    expect(() => readShardFile(file)).toThrow(new RegExp(`${file}:2: not a shard record at /seed`));
    expect(() => readShardFile(file, `${lines.slice(1).join('\n')}`)).toThrow(/:1: /);
    expect(() => readShardFile(file, `${lines[0]}\n${lines[0]}\n`)).toThrow(/:2: a second header/);
  });
});
