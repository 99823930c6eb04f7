// Data tables, moved $defs, sampling and witnesses, acks, baselines and the command itself.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { applyAcks, parseAcks } from '../../src/compat/acks.js';
import { compareSets } from '../../src/compat/compare-sets.js';
import { contractSetFromTexts } from '../../src/compat/contract-set.js';
import { readTar } from '../../src/compat/tar.js';
import { parseCompatArgs, runCompat } from '../../src/compat/run.js';
import { UsageError } from '../../src/cli/command.js';
import { check, objWith, setOf } from './catalogue-support.js';

const ROOT = join(import.meta.dirname, '../..');
const matrix = (cells: [string, string, string][]): object => ({ machine: 'M', matrix_version: 1, states: ['A', 'B', 'C'], cells: cells.map(([from, trigger, to]) => ({ from, trigger, to, description: 'd' })) });
const withData = (data: object): ReturnType<typeof setOf> => setOf('s', objWith({ type: 'string' }), { 'data/m.matrix.json': data });

describe('data tables', () => {
  it('a removed matrix cell breaks BACKWARD with the cell as witness; an added one breaks FORWARD', () => {
    const old = withData(matrix([['A', 'GO', 'B'], ['B', 'GO', 'C']]));
    const removed = compareSets(old, withData(matrix([['A', 'GO', 'B']])), { samples: 0, seed: 1, corpusRoot: undefined });
    expect(removed.findings.map((f) => f.rule)).toEqual(['DATA_ROW_REMOVED']);
    expect(removed.findings[0]!.witness?.instance).toMatchObject({ from: 'B', to: 'C' });
    expect(check(old, withData(matrix([['A', 'GO', 'B'], ['B', 'GO', 'C'], ['A', 'STOP', 'C']]))).rules).toEqual(['DATA_ROW_ADDED']);
  });
  it('near miss: cells reordered or redescribed change nothing', () => {
    const a = matrix([['A', 'GO', 'B'], ['B', 'GO', 'C']]);
    const b = matrix([['B', 'GO', 'C'], ['A', 'GO', 'B']]);
    (b as { cells: { description: string }[] }).cells[0]!.description = 'other words';
    expect(check(withData(a), withData(b)).rules).toEqual([]);
  });
  it('a vocabulary value added to a set, a policy value changed, a table removed', () => {
    expect(check(withData({ states: ['A'] }), withData({ states: ['A', 'B'] })).rules).toEqual(['DATA_SET_VALUE_ADDED']);
    expect(check(withData({ states: ['A', 'B'] }), withData({ states: ['A'] })).rules).toEqual(['DATA_SET_VALUE_REMOVED']);
    const policy = (live: boolean): object => ({ policy_version: 1, rules: [{ mode: 'paper', x: false }, { mode: 'live', x: live }] });
    expect(check(withData(policy(true)), withData(policy(false))).rules).toEqual(['DATA_VALUE_CHANGED']);
    expect(check(withData(policy(true)), setOf('s', objWith({ type: 'string' }))).rules).toEqual(['DATA_FILE_REMOVED']);
  });
});

describe('definitions', () => {
  it('a $def moved to another name is DEF_MOVED, not a removal; refs through it compare equal', () => {
    const def = { title: 'Px', type: 'integer', minimum: 0, maximum: 9 };
    const old = setOf('o', { ...objWith({ $ref: '#/$defs/A' }), $defs: { A: def } });
    const now = setOf('n', { ...objWith({ $ref: '#/$defs/B' }), $defs: { B: def } });
    expect(check(old, now).rules).toEqual(['DEF_MOVED']);
  });
  it('a $def removed is DEF_REMOVED; a ref into another file is followed', () => {
    const vocab = (max: number): object => ({ $id: 'https://lockstep.dev/schemas/v1/v.schema.json', $defs: { N: { type: 'integer', minimum: 0, maximum: max }, Gone: { type: 'string' } } });
    const old = setOf('o', objWith({ $ref: 'v.schema.json#/$defs/N' }), { 'v.schema.json': vocab(9) });
    const v2 = vocab(8) as { $defs: Record<string, unknown> };
    delete v2.$defs.Gone;
    const now = setOf('n', objWith({ $ref: 'v.schema.json#/$defs/N' }), { 'v.schema.json': v2 });
    expect(check(old, now).rules).toEqual(['DEF_REMOVED', 'NUMERIC_UPPER_BOUND_TIGHTENED']);
  });
});

describe('sampling and witnesses', () => {
  it('every BACKWARD break of a narrowed enum and bound carries a generated witness the new side refuses', () => {
    const old = setOf('o', objWith({ type: 'integer', minimum: 0, maximum: 10 }, { more: { e: { type: 'string', enum: ['A', 'B'] } } }));
    const now = setOf('n', objWith({ type: 'integer', minimum: 0, maximum: 5 }, { more: { e: { type: 'string', enum: ['A'] } } }));
    const out = check(old, now, 1000);
    expect(out.backward).toBe(true);
    expect(out.witnesses).toBeGreaterThanOrEqual(2);
  });
  it('a compatible change is backed by 1,000 samples; a pattern widening is proven compatible backward', () => {
    const old = setOf('o', objWith({ type: 'string', pattern: '^[a-z]{1,4}$' }));
    const now = setOf('n', objWith({ type: 'string', pattern: '^[a-z0-9]{1,4}$' }));
    const c = compareSets(old, now, { samples: 1000, seed: 3, corpusRoot: undefined });
    expect(c.contracts[0]!.sampled.backward).toBe(1000);
    expect(c.findings.map((f) => f.rule)).toContain('PATTERN_CHANGED');
    expect(c.findings.find((f) => f.rule === 'PATTERN_CHANGED')!.witness?.source).toMatch(/generated/);
  });
  it('a change no rule models shows up as SAMPLE_REFUSED_BY_NEW (planted: the rules are bypassed by an unmodelled keyword kept equal)', () => {
    // const inside an enum-less 'not' is outside the model: the rule engine stays silent when the text is equal,
    // so change only the referenced $def through `not` to plant a break the rules cannot see.
    const mk = (bad: string): object => ({ ...objWith({ type: 'string', not: { $ref: '#/$defs/Bad' } }), $defs: { Bad: { const: bad } } });
    const c = compareSets(setOf('o', mk('zz')), setOf('n', mk('a')), { samples: 1000, seed: 5, corpusRoot: undefined });
    const rules = c.findings.map((f) => f.rule);
    expect(rules.some((r) => r === 'SAMPLE_REFUSED_BY_NEW' || r === 'CONST_CHANGED')).toBe(true);
    expect(c.contracts[0]!.backward).toBe('breaking');
  });
});

describe('acks', () => {
  it('an ack accepts its finding; a stale ack is returned; bad ack files name the entry', () => {
    const c = compareSets(setOf('o', objWith({ type: 'string', enum: ['A', 'B'] })), setOf('n', objWith({ type: 'string', enum: ['A'] })), { samples: 0, seed: 1, corpusRoot: undefined });
    const acks = parseAcks(JSON.stringify({ acks: [
      { rule: 'ENUM_VALUE_REMOVED', schema: 't.schema.json', pointer: '/properties/p', reason: 'B was never sent' },
      { rule: 'ENUM_VALUE_ADDED', schema: 't.schema.json', pointer: '/properties/p', reason: 'stale' },
    ] }), 'acks.json');
    const stale = applyAcks(acks, c.findings);
    expect(c.findings[0]!.acknowledged).toBe('B was never sent');
    expect(stale.map((a) => a.rule)).toEqual(['ENUM_VALUE_ADDED']);
    expect(() => parseAcks('{"acks":[{"rule":"NOPE","schema":"x","pointer":"","reason":"r"}]}', 'a.json')).toThrow(/a.json: \/acks\/0: unknown rule NOPE/);
    expect(() => parseAcks('{"acks":[{"rule":"TITLE_CHANGED","schema":"x","pointer":""}]}', 'a.json')).toThrow(/"reason" must be a string/);
  });
});

describe('lockstep compat', () => {
  it('the repository against itself is identical; the JSON report matches its schema', () => {
    const out = runCompat(ROOT, parseCompatArgs(['--against', '.', '--format', 'json', '--samples', '200']));
    expect(out.code).toBe(0);
    const Ajv2020 = Ajv2020Module.default;
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/compat_report.schema.json'), 'utf8')));
    expect(validate(JSON.parse(out.text)), JSON.stringify(validate.errors)).toBe(true);
  });
  it('a planted break in a copy fails with exit 1, every format names it, an ack passes it, a stale ack fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compat-'));
    try {
      for (const p of ['schemas', 'package.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
      // The copy records its own release first, so the test does not depend on how far the
      // repository's contracts moved since its last recorded release.
      expect(runCompat(dir, parseCompatArgs(['--record-release', '--no-sample'])).code).toBe(0);
      const vocab = join(dir, 'schemas/vocabulary.schema.json');
      const v = JSON.parse(readFileSync(vocab, 'utf8'));
      v.$defs.Side.enum = ['LONG'];
      writeFileSync(vocab, JSON.stringify(v));
      const run = (...args: string[]): { code: number; text: string } => runCompat(dir, parseCompatArgs(['--no-sample', ...args]));
      expect(run().code).toBe(1);
      expect(run('--format', 'github').text).toMatch(/^::error file=schemas\/vocabulary.schema.json,title=ENUM_VALUE_REMOVED::/m);
      expect(run('--format', 'junit').text).toMatch(/<failure message=".*SHORT/);
      expect(run('--mode', 'FORWARD').code).toBe(0);
      mkdirSync(join(dir, 'contracts'), { recursive: true });
      writeFileSync(join(dir, 'contracts/compat-acks.json'), JSON.stringify({ acks: [{ rule: 'ENUM_VALUE_REMOVED', schema: 'vocabulary.schema.json', pointer: '/$defs/Side', reason: 'no SHORT trades yet' }] }));
      expect(run().code).toBe(0);
      writeFileSync(join(dir, 'contracts/compat-acks.json'), JSON.stringify({ acks: [{ rule: 'TITLE_CHANGED', schema: 'vocabulary.schema.json', pointer: '/$defs/Side', reason: 'x' }] }));
      expect(run().code).toBe(1);
      rmSync(join(dir, 'contracts/compat-acks.json'));
      expect(run('--gate').code).toBe(1);
      mkdirSync(join(dir, '.changeset'), { recursive: true });
      writeFileSync(join(dir, '.changeset/drop-short.md'), '---\n"lockstep": major\n---\n\nDrop SHORT.\n');
      expect(run('--gate').code).toBe(0);
      // The gate's decision is in its JSON report too (a plain run does not decide it).
      expect(JSON.parse(run('--gate', '--format', 'json').text).covered_by_changesets).toEqual(['.changeset/drop-short.md']);
      expect(JSON.parse(run('--format', 'json').text).covered_by_changesets).toBeUndefined();
      // A released copy edited after the fact is refused.
      const released = join(dir, 'contracts/releases/0.1.0/schemas/vocabulary.schema.json');
      writeFileSync(released, readFileSync(vocab));
      expect(() => run()).toThrow(/does not match contracts\/releases\/lock.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('usage mistakes are UsageErrors; a git ref and a tarball load as baselines', () => {
    expect(() => parseCompatArgs(['--mode', 'SIDEWAYS'])).toThrow(UsageError);
    expect(() => parseCompatArgs(['--samples', 'many'])).toThrow(UsageError);
    expect(() => parseCompatArgs(['--bogus'])).toThrow(UsageError);
    expect(() => parseCompatArgs(['--against', 'main', '--mode', 'FULL_TRANSITIVE'])).toThrow(UsageError);
    // The working tree may differ from HEAD while editing: only the loading is asserted here.
    const headRun = runCompat(ROOT, parseCompatArgs(['--against', 'HEAD', '--no-sample', '--format', 'json']));
    expect(JSON.parse(headRun.text).baseline).toBe('HEAD');
    expect(() => runCompat(ROOT, parseCompatArgs(['--against', 'no-such-ref-xyz', '--no-sample']))).toThrow(/not a folder, tarball or git ref/);
    const tar = execFileSync('git', ['archive', '--format=tar.gz', '--prefix=package/', 'HEAD', 'schemas'], { cwd: ROOT });
    expect([...readTar(tar).keys()]).toContain('package/schemas/vocabulary.schema.json');
    const set = contractSetFromTexts('t', new Map([...readTar(tar)].map(([k, v]) => [k.replace('package/schemas/', ''), v.toString('utf8')])));
    expect(set.schemas.size).toBeGreaterThan(20);
  });
});
