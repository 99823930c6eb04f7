/**
 * The published package, end to end: build it (tsup), pack the tarball (pnpm pack), check
 * what is inside, install it into a fresh project with npm (offline: the package has no
 * runtime dependency) and use it for real from a `.mjs` and a `.cjs` file and through its bin.
 * Slow by nature (one build, one pack, one install), so everything happens once in beforeAll.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  bin: Record<string, string>;
};

let work = '';
let tarball = '';
let tarFiles: string[] = [];
let consumer = '';

function run(command: string, args: string[], cwd: string, input?: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'lockstep-package-'));
  run('pnpm', ['build'], root);
  run('pnpm', ['pack', '--pack-destination', work], root);
  const packed = readdirSync(work).filter((name) => name.endsWith('.tgz'));
  expect(packed).toEqual([`${manifest.name}-${manifest.version}.tgz`]);
  tarball = join(work, packed[0] as string);
  tarFiles = run('tar', ['-tzf', tarball], work).split('\n').filter((line) => line !== '').sort();
  consumer = join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }));
  run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], consumer);
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the build, the schemas, the manifest, the README and the LICENSE, and nothing else', () => {
    const stray = tarFiles.filter(
      (file) =>
        !/^package\/dist\/index\.(js|cjs|d\.ts|d\.cts)$/.test(file) &&
        // The bin and its chunks (split per command).
        !/^package\/dist\/cli\/[A-Za-z0-9_-]+\.js$/.test(file) &&
        file !== 'package/dist/report-ui.global.js' &&
        !/^package\/schemas\/([a-z_]+\.schema\.json|data\/[a-z_.]+\.json|inputs\/[a-z_]+\.schema\.json)$/.test(file) &&
        file !== 'package/package.json' &&
        file !== 'package/README.md' &&
        file !== 'package/LICENSE',
    );
    expect(stray).toEqual([]);
    for (const required of ['package/dist/index.js', 'package/dist/index.cjs', 'package/dist/index.d.ts', 'package/dist/index.d.cts', 'package/dist/cli/main.js', 'package/dist/report-ui.global.js', 'package/README.md', 'package/LICENSE', 'package/schemas/engine_intent.schema.json']) {
      expect(tarFiles).toContain(required);
    }
  });

  it('ships every schema file of the repository', () => {
    const schemas = readdirSync(join(root, 'schemas')).filter((name) => name.endsWith('.json'));
    for (const schema of schemas) expect(tarFiles).toContain(`package/schemas/${schema}`);
  });

  it('declares no runtime dependency (the ajv runtime helpers and canonical JSON are bundled)', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('passes publint --strict and attw (types resolve in node10, node16 CJS and ESM, bundler)', () => {
    const unpacked = join(work, 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    run('tar', ['-xzf', tarball, '-C', unpacked], work);
    // Both exit non-zero on any problem; execFileSync then throws with their report.
    expect(run(join(root, 'node_modules/.bin/publint'), ['--strict', '--pack', 'false', join(unpacked, 'package')], work)).toContain('All good');
    expect(run(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'ascii'], work)).toContain('No problems found');
  });
});

describe('the contracts entry', () => {
  it('imports nothing at all: no ajv compiler, no typebox, no fast-check, not even a builtin', async () => {
    // esbuild (tsup's bundler) lists every static import, require() and dynamic import().
    const requireFromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
    const esbuild = requireFromTsup('esbuild') as EsbuildImportLister;
    for (const entry of ['dist/index.js', 'dist/index.cjs']) {
      const result = await esbuild.build({
        entryPoints: [join(root, entry)],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        logLevel: 'silent',
        external: ['*'],
      });
      const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
      expect(imports, entry).toEqual([]);
    }
  });

  it('the bin imports nothing but Node builtins (a dev tool imported at startup would break it)', async () => {
    const requireFromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
    const esbuild = requireFromTsup('esbuild') as EsbuildImportLister;
    // The bin's own chunks are followed; everything else it imports is listed.
    const result = await esbuild.build({ entryPoints: [join(root, 'dist/cli/main.js')], bundle: true, write: false, metafile: true, platform: 'node', logLevel: 'silent', plugins: [externalUnlessRelative] });
    // Static imports only: a dev tool behind a dynamic import() (the report UI's esbuild, used in a
    // checkout) loads only when that path runs.
    const inputs = Object.entries(result.metafile.inputs);
    // Every chunk a command loads is reached, so none can hide an import.
    expect(inputs.length).toBeGreaterThan(10);
    const imports = inputs.flatMap(([, input]) =>
      (input.imports as Array<{ path: string; kind?: string; external?: boolean }>).filter((i) => i.kind !== 'dynamic-import' && i.external === true).map((i) => i.path),
    );
    const { builtinModules } = await import('node:module');
    expect(imports.filter((path) => !path.startsWith('node:') && !builtinModules.includes(path))).toEqual([]);
    expect(imports.length).toBeGreaterThan(0);
  });

  it('contains no trace of the heavy tools', () => {
    const bundle = readFileSync(join(root, 'dist/index.js'), 'utf8');
    for (const heavy of ['node_modules/.pnpm/typebox', 'node_modules/.pnpm/fast-check', 'ajv/dist/compile/', 'json-schema-to-typescript']) {
      expect(bundle.includes(heavy), heavy).toBe(false);
    }
  });
});

/** The slice of esbuild's API used here (esbuild is tsup's dependency, not ours, so its types are not in reach). */
/** esbuild: bare specifiers stay external (and are listed); the bin's own chunks (relative paths) are followed. */
const externalUnlessRelative = {
  name: 'external-unless-relative',
  setup(build: { onResolve(options: { filter: RegExp }, resolve: (args: { path: string }) => { path: string; external: boolean }): void }): void {
    build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
  },
};

interface EsbuildImportLister {
  build(options: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, { imports: Array<{ path: string }> }> } }>;
}

/** What both consumers print: one JSON line of results computed by the installed package. */
const consumerBody = `
const intent = {
  action: 'ENTER', asset: 'BTC-USDT', exit_leg_ratios: [1], intent_id: 'in-1', leverage: 1,
  order_type: 'MARKET', side: 'LONG', slot_id: 0, target_size: 10, trade_id: 'T1', ts: 1700000000000,
};
const good = lockstep.validate('EngineIntent', intent);
const bad = lockstep.validate('EngineIntent', { ...intent, target_size: 'ten' });
let asserted = 'no throw';
try { lockstep.assertValid('EngineIntent', {}); } catch (e) { asserted = e instanceof lockstep.ContractValidationError ? e.name : 'wrong class'; }
let refusal = 'no throw';
try { lockstep.canonicalize({ a: [NaN] }); } catch (e) { refusal = e instanceof lockstep.CanonicalJsonError ? e.code + ' ' + e.path : 'wrong class'; }
let parseRefusal = 'no throw';
try { lockstep.parseJson('{"a":1,"a":2}'); } catch (e) { parseRefusal = e instanceof lockstep.JsonParseError ? e.code + ' ' + e.pointer : 'wrong class'; }
console.log(JSON.stringify({
  good: good.ok,
  bad: bad.ok ? 'accepted' : bad.errors[0].path + ' ' + bad.errors[0].keyword,
  asserted,
  canonical: lockstep.canonicalize(lockstep.parseJson('{"b":[-0,1e21,"\\\\u20ac"],"a":{"\\\\ud83d\\\\ude00":1,"\\\\ufb33":2}}')),
  refusal,
  parseRefusal,
  contracts: lockstep.contractNames.length,
}));
`;

const expectedOutput = {
  good: true,
  bad: '/target_size type',
  asserted: 'ContractValidationError',
  canonical: '{"a":{"\u{1F600}":1,"\uFB33":2},"b":[0,1e+21,"\u20AC"]}',
  refusal: 'NAN /a/0',
  parseRefusal: 'DUPLICATE_KEY /a',
};

describe('the installed package', () => {
  it('works from an ES module (.mjs)', () => {
    writeFileSync(join(consumer, 'consumer.mjs'), `import * as lockstep from 'lockstep';\n${consumerBody}`);
    const output = JSON.parse(run('node', ['consumer.mjs'], consumer)) as Record<string, unknown>;
    expect(output).toMatchObject(expectedOutput);
    expect(output.contracts).toBeGreaterThan(10);
  });

  it('works from a CommonJS module (.cjs)', () => {
    writeFileSync(join(consumer, 'consumer.cjs'), `const lockstep = require('lockstep');\n${consumerBody}`);
    const output = JSON.parse(run('node', ['consumer.cjs'], consumer)) as Record<string, unknown>;
    expect(output).toMatchObject(expectedOutput);
  });

  it('resolves the raw schemas and the manifest through the exports map', () => {
    const script = `
      const schema = require('lockstep/schemas/engine_intent.schema.json');
      const matrix = require('lockstep/schemas/data/slot.matrix.json');
      const pkg = require('lockstep/package.json');
      console.log(JSON.stringify({ id: schema.$id, matrix: typeof matrix, name: pkg.name }));`;
    writeFileSync(join(consumer, 'schemas.cjs'), script);
    const output = JSON.parse(run('node', ['schemas.cjs'], consumer)) as Record<string, unknown>;
    expect(output).toEqual({ id: expect.stringContaining('engine_intent.schema.json'), matrix: 'object', name: 'lockstep' });
  });

  it('refuses deep imports that the exports map does not offer', () => {
    writeFileSync(join(consumer, 'deep.cjs'), "try { require('lockstep/dist/index.cjs'); console.log('resolved'); } catch (e) { console.log(e.code); }");
    expect(run('node', ['deep.cjs'], consumer).trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('says who it is: license, repository, homepage, bugs', () => {
    const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules/lockstep/package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ license: 'MIT', repository: { type: 'git' }, homepage: expect.stringMatching(/^https:/), bugs: { url: expect.stringMatching(/^https:/) } });
    expect(readFileSync(join(consumer, 'node_modules/lockstep/LICENSE'), 'utf8')).toContain('MIT License');
  });

  it('runs show and parity over a fixtures folder named with --fixtures, with explicit --impl, never cargo', () => {
    const fx = join(consumer, 'my-fixtures');
    execFileSync('mkdir', ['-p', join(fx, 'corpus/exit')]);
    const name = 'exit-leg-clamped-to-open-size';
    writeFileSync(join(fx, `corpus/exit/${name}.json`), readFileSync(join(root, `fixtures/corpus/exit/${name}.json`)));
    const bin = join(consumer, 'node_modules/.bin/lockstep');
    expect(run(bin, ['show', name, '--fixtures', 'my-fixtures'], consumer)).toContain(name);
    const parity = run(bin, ['parity', '--fixtures', 'my-fixtures', '--impl', 'ts-in-process', '--impl', 'ts-server', '--report', 'out.jsonl', '--quiet'], consumer);
    expect(parity).toContain('parity: ok');
    expect(readFileSync(join(consumer, 'out.jsonl'), 'utf8')).toContain('"type":"summary"');
    const rust = spawnSync(bin, ['parity', '--fixtures', 'my-fixtures', '--impl', 'rust', '--report', 'out.jsonl'], { cwd: consumer, encoding: 'utf8' });
    expect(rust.status).toBe(1);
    expect(rust.stdout).toContain('needs a lockstep checkout');
    expect(existsSync(join(consumer, 'rust-kernel'))).toBe(false);
    const missing = spawnSync(bin, ['parity'], { cwd: consumer, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('fixtures folder fixtures does not exist');
    const codegen = spawnSync(bin, ['codegen'], { cwd: consumer, encoding: 'utf8' });
    expect(codegen.status).toBe(2);
    expect(codegen.stderr).toContain('needs a lockstep checkout');
  });

  it('installs the lockstep bin, which serves the wire protocol', () => {
    expect(Object.keys(manifest.bin)).toEqual(['lockstep']);
    const input = '{"op":"hello","seq":0,"protocol_version":"1.0"}\n{"op":"bye","seq":1}\n';
    const lines = run(join(consumer, 'node_modules/.bin/lockstep'), ['kernel'], consumer, input).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ op: 'hello', seq: 0, protocol_version: '1.0' });
    expect(JSON.parse(lines[1] as string)).toMatchObject({ op: 'bye', seq: 1 });
  });

  it('installs the lockstep bin, which writes a report page with the prebuilt UI', () => {
    writeFileSync(join(consumer, 'compat.json'), JSON.stringify({ baseline: 'v0', findings: [{ rule: 'ENUM_VALUE_REMOVED', breaking: true, message: 'gone' }] }));
    const out = run(join(consumer, 'node_modules/.bin/lockstep'), ['report', 'compat.json', '-o', 'report.html'], consumer);
    expect(out).toContain('compat v0 fail');
    const html = readFileSync(join(consumer, 'report.html'), 'utf8');
    expect(html).toContain('ENUM_VALUE_REMOVED');
    expect(html).toContain(readFileSync(join(root, 'dist/report-ui.global.js'), 'utf8').trim().slice(0, 200));
  });
});
