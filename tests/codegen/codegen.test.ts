import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preamble } from '../../codegen/emit/preamble.js';
import { generateAll } from '../../codegen/generate.js';
import { findDrift } from '../../codegen/output.js';
import { loadSchemaSet } from '../../codegen/schema-set.js';
import type { GeneratedFile } from '../../codegen/emit/generated-file.js';

const root = process.cwd();
let first: GeneratedFile[];
let copy: string;

function runCheck(dir: string): { status: number; output: string } {
  try {
    const output = execFileSync('node', ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'codegen', '--check', '--root', dir], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: failed.stdout + failed.stderr };
  }
}

beforeAll(async () => {
  first = await generateAll(loadSchemaSet(root));
  copy = mkdtempSync(join(tmpdir(), 'lockstep-codegen-'));
  cpSync(join(root, 'schemas'), join(copy, 'schemas'), { recursive: true });
  cpSync(join(root, 'generated'), join(copy, 'generated'), { recursive: true });
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('pnpm codegen', () => {
  it('is deterministic: a second run produces the same bytes', async () => {
    const second = await generateAll(loadSchemaSet(root));
    expect(second.map((file) => file.path)).toEqual(first.map((file) => file.path));
    for (const [index, file] of second.entries()) expect(file.content, file.path).toBe(first[index]?.content);
  });

  it('matches the committed generated/ tree', () => {
    expect(findDrift(root, first)).toEqual({ stale: [], missing: [], extra: [] });
  });

  it('starts every generated file with the one preamble', () => {
    for (const file of first) {
      const language = file.path.endsWith('.md') ? 'markdown' : file.path.endsWith('.rs') ? 'rust' : 'ts';
      const header = preamble(language, []).split('\n')[language === 'markdown' ? 1 : 0] as string;
      expect(file.content.startsWith(language === 'markdown' ? `<!--\n${header}` : header), file.path).toBe(true);
    }
  });

  it('writes types once each and never exports the bundle root', () => {
    const types = first.find((file) => file.path === 'generated/ts/types.ts')?.content ?? '';
    const names = [...types.matchAll(/^export (?:type|interface) (\w+)/gm)].map((match) => match[1]);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    expect(names.filter((name) => /\d$/.test(name ?? ''))).toEqual([]);
    expect(names).not.toContain('LockstepSchemaBundle');
    expect(types).not.toMatch(/require\(/);
  });

  it('emits validators free of require()', () => {
    const validators = first.find((file) => file.path === 'generated/ts/validators.js')?.content ?? '';
    expect(validators).not.toMatch(/require\(/);
    expect(validators).toMatch(/^import ucs2lengthModule from "ajv\/dist\/runtime\/ucs2length\.js";$/m);
  });
});

describe('generated validators as plain ESM', () => {
  it('load in a real .mjs consumer (no tsx, no bundler) and count code points', () => {
    const script = [
      "import * as v from './generated/ts/validators.js';",
      "const cancel = { action: 'CANCEL', intent_id: 'a', ts: 1, slot_id: 0, trade_id: 't' };",
      "const long = { ...cancel, reason: '\\u{1F600}'.repeat(513) };",
      'console.log(JSON.stringify([v.EngineIntent(cancel), v.EngineIntent(long), v.EngineIntent.errors[0].keyword]));',
    ].join('\n');
    const output = execFileSync('node', ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([true, false, 'maxLength']);
  });
});

describe('pnpm codegen --check', () => {
  it('passes on an up-to-date copy', () => {
    const { status, output } = runCheck(copy);
    expect(status, output).toBe(0);
  });

  it('fails naming a hand-edited, a missing and an extra file', () => {
    const edited = join(copy, 'generated/ts/tables.ts');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('isLegalSlotCell', 'isLegalSlotCellEdited'));
    unlinkSync(join(copy, 'generated/docs/index.md'));
    writeFileSync(join(copy, 'generated/ts/stray.ts'), 'export {};\n');
    const { status, output } = runCheck(copy);
    expect(status).toBe(1);
    expect(output).toMatch(/stale: +generated\/ts\/tables\.ts/);
    expect(output).toMatch(/line \d+: on disk .*isLegalSlotCellEdited/);
    expect(output).toMatch(/missing: generated\/docs\/index\.md/);
    expect(output).toMatch(/extra: +generated\/ts\/stray\.ts/);
  });

  it('refuses a schema that breaks a house rule, naming file, pointer and rule', () => {
    const broken = join(copy, 'schemas/control_state.schema.json');
    const schema = JSON.parse(readFileSync(broken, 'utf8'));
    delete schema.additionalProperties;
    writeFileSync(broken, JSON.stringify(schema));
    const { status, output } = runCheck(copy);
    expect(status).toBe(2);
    expect(output).toContain('schemas/control_state.schema.json# [closed-object]');
  });
});
