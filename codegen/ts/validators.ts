import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { contractsOf } from '../model/contracts.js';
import { schemaSourcePath, type SchemaSet } from '../schema-set.js';
import { createAjv, type Ajv } from './ajv-instance.js';

const standaloneCode = standaloneCodeModule.default;

export const VALIDATORS_JS = 'generated/ts/validators.js';
export const VALIDATORS_DTS = 'generated/ts/validators.d.ts';
/** The protocol edge's own validator: all a kernel server loads (see generateProtocolValidators). */
export const PROTOCOL_VALIDATORS_JS = 'generated/ts/protocol-validators.js';
export const PROTOCOL_VALIDATORS_DTS = 'generated/ts/protocol-validators.d.ts';
/** The contracts a kernel server checks its input against: one request per line (docs/protocol.md, check 8). */
export const PROTOCOL_EDGE_CONTRACTS = ['ProtocolRequest'] as const;
/** The same contracts compiled with allErrors: every error, for tools (`lockstep validate --all-errors`). */
export const ALL_ERRORS_JS = 'generated/ts/validators-all-errors.js';
export const ALL_ERRORS_DTS = 'generated/ts/validators-all-errors.d.ts';

/**
 * ajv runtime helpers the standalone code may `require`, each a CommonJS module whose
 * `default` export is a function. Anything else fails codegen loudly rather than shipping
 * a `require` that breaks real ESM consumers.
 */
const RUNTIME_HELPERS: Record<string, string> = {
  'ajv/dist/runtime/ucs2length': 'ucs2length',
  'ajv/dist/runtime/equal': 'deepEqual',
};

/** Rewrites `require("ajv/dist/runtime/x").default` into ESM imports with CommonJS interop. */
export function rewriteRequires(code: string): { imports: string[]; body: string } {
  const used = new Set<string>();
  const body = code.replace(/require\("([^"]+)"\)(\.default)?/g, (match, module: string, dotDefault?: string) => {
    const name = RUNTIME_HELPERS[module];
    if (name === undefined || dotDefault === undefined) {
      throw new Error(`${VALIDATORS_JS}: ajv standalone code needs an unsupported module: ${match}`);
    }
    used.add(module);
    return name;
  });
  const imports: string[] = [];
  for (const module of [...used].sort()) {
    const name = RUNTIME_HELPERS[module] as string;
    const imported = `${name}Module`;
    imports.push(`import ${imported} from "${module}.js";`);
    // Node hands over module.exports (whose .default is the helper); bundlers in
    // non-Node interop mode hand over the default export itself.
    imports.push(`const ${name} = typeof ${imported} === "function" ? ${imported} : ${imported}.default;`);
  }
  return { imports, body };
}

/**
 * Replaces ajv's `hasOwnProperty.call(schemaN.properties, key)` (which ajv emits for objects
 * of more than 8 properties) by the chain of string comparisons ajv itself emits for smaller
 * objects. Same verdict, about three times faster on the `additionalProperties` loop, which
 * dominated the check of an EnterIntent. The property names come from the schema constant the
 * call refers to; an unresolvable one fails codegen.
 */
export function inlinePropertyChecks(code: string): string {
  const hasOwn = /^const (func\d+) = Object\.prototype\.hasOwnProperty;$/m.exec(code)?.[1];
  if (hasOwn === undefined) return code;
  const schemas = new Map<string, { properties?: Record<string, unknown> }>();
  for (const match of code.matchAll(/^const (schema\d+) = (\{.*\});$/gm)) {
    schemas.set(match[1] as string, JSON.parse(match[2] as string));
  }
  const call = new RegExp(`${hasOwn}\\.call\\((schema\\d+)\\.properties, (key\\d+)\\)`, 'g');
  return code.replace(call, (whole, schema: string, key: string) => {
    const properties = schemas.get(schema)?.properties;
    if (properties === undefined) throw new Error(`${VALIDATORS_JS}: cannot inline ${whole}: ${schema} has no properties`);
    return `(${Object.keys(properties).map((name) => `${key} === ${JSON.stringify(name)}`).join(' || ')})`;
  });
}

/**
 * Puts a UTF-16 length test before each code-point count of `maxLength` / `minLength`: a
 * string has at most `length` and at least `length / 2` code points, so `length <= max`
 * already passes `maxLength` and `length >= 2 * min` already passes `minLength`. Exact same
 * verdicts; the count (a loop over the string) only runs near a bound. Counting dominated
 * the check of an EnterIntent (3.7 -> 6.5 M checks/s measured).
 */
export function shortCircuitLengthChecks(code: string): string {
  const count = /^const (func\d+) = ucs2length;$/m.exec(code)?.[1];
  if (count === undefined) return code;
  return code
    .replace(new RegExp(`${count}\\((\\w+)\\) > (\\d+)`, 'g'), (_, data: string, limit: string) =>
      `(${data}.length > ${limit} && ${count}(${data}) > ${limit})`,
    )
    .replace(new RegExp(`${count}\\((\\w+)\\) < (\\d+)`, 'g'), (_, data: string, limit: string) =>
      `(${data}.length < ${2 * Number(limit)} && ${count}(${data}) < ${limit})`,
    );
}

/**
 * The allErrors twin of the validator module: same contracts and exports, every error reported.
 * A separate module (not an option of the first) because ajv decides allErrors at compile time,
 * and the protocol's answers must keep reporting exactly the first error.
 */
export function generateAllErrorsValidators(set: SchemaSet, ajv: Ajv = createAjv(set, { standalone: true, allErrors: true })): GeneratedFile[] {
  const contracts = contractsOf(set);
  const js = standaloneModule(set, ajv, 'Ahead-of-time ajv validators compiled with allErrors (every error): one export per contract.');
  const dts = new FilePrinter();
  dts.print("import type * as Types from './types.js';");
  dts.print("import type { CompiledValidator } from './validators.js';");
  for (const contract of contracts) {
    dts.blank();
    dts.print(`/** Validates a ${contract.name} (${schemaSourcePath(contract.file)}), reporting every error. */`);
    dts.print(`export declare const ${contract.name}: CompiledValidator<Types.${contract.name}>;`);
  }
  const sources = set.files.map(schemaSourcePath);
  return [js.toFile(ALL_ERRORS_JS, preamble('ts', sources)), dts.toFile(ALL_ERRORS_DTS, preamble('ts', sources))];
}

/**
 * The protocol edge's validators alone, from the same ajv instance as validators.js (so the same
 * code, first error included). A server loads this module and not the one for every contract:
 * parsing ~1.3 MB of validators was half of a TS server's start-up, and the parity job starts one
 * server per session it cannot share.
 */
export function generateProtocolValidators(set: SchemaSet, ajv: Ajv): GeneratedFile[] {
  const names: ReadonlySet<string> = new Set(PROTOCOL_EDGE_CONTRACTS);
  const contracts = contractsOf(set).filter((c) => names.has(c.name));
  if (contracts.length !== names.size) throw new Error(`${PROTOCOL_VALIDATORS_JS}: a protocol edge contract is missing from schemas/: ${[...names].join(', ')}`);
  const sources = set.files.map(schemaSourcePath);
  const js = standaloneModule(set, ajv, "Ahead-of-time ajv validators of the protocol edge's contracts only (what a kernel server loads).", names);
  const dts = new FilePrinter();
  dts.print("import type * as Types from './types.js';");
  dts.print("import type { CompiledValidator } from './validators.js';");
  for (const contract of contracts) {
    dts.blank();
    dts.print(`/** Validates a ${contract.name} (${schemaSourcePath(contract.file)}); the same code as validators.js. */`);
    dts.print(`export declare const ${contract.name}: CompiledValidator<Types.${contract.name}>;`);
  }
  return [js.toFile(PROTOCOL_VALIDATORS_JS, preamble('ts', sources)), dts.toFile(PROTOCOL_VALIDATORS_DTS, preamble('ts', sources))];
}

function standaloneModule(set: SchemaSet, ajv: Ajv, title: string, only?: ReadonlySet<string>): FilePrinter {
  const exportsById: Record<string, string> = {};
  for (const contract of contractsOf(set)) if (only === undefined || only.has(contract.name)) exportsById[contract.name] = String(contract.file.schema.$id);
  const code = standaloneCode(ajv, exportsById);
  const { imports, body } = rewriteRequires(code.replace(/^"use strict";\n?/, ''));
  const fastBody = shortCircuitLengthChecks(inlinePropertyChecks(body));
  const js = new FilePrinter();
  js.print(`// ${title}`);
  js.print('/* eslint-disable */');
  for (const line of imports) js.print(line);
  js.blank();
  js.printBlock(fastBody);
  return js;
}

/** The standalone validator module (ESM JavaScript) and its declarations. */
export function generateValidators(set: SchemaSet, ajv: Ajv = createAjv(set, { standalone: true })): GeneratedFile[] {
  const contracts = contractsOf(set);
  const sources = set.files.map(schemaSourcePath);
  const js = standaloneModule(set, ajv, 'Ahead-of-time ajv validators (Ajv2020, strict, discriminator): one export per contract.');

  const dts = new FilePrinter();
  dts.print("import type * as Types from './types.js';");
  dts.blank();
  dts.print('/** An ajv error as the standalone validators report it (verbose: schema and data included). */');
  dts.print('export interface CompiledValidatorError {');
  dts.print('  instancePath: string;');
  dts.print('  schemaPath: string;');
  dts.print('  keyword: string;');
  dts.print('  params: Record<string, unknown>;');
  dts.print('  message?: string;');
  dts.print('  schema?: unknown;');
  dts.print('  parentSchema?: Record<string, unknown>;');
  dts.print('  data?: unknown;');
  dts.print('}');
  dts.blank();
  dts.print('/** A compiled validator: a type guard that leaves the first error in `errors`. */');
  dts.print('export interface CompiledValidator<T> {');
  dts.print('  (data: unknown): data is T;');
  dts.print('  errors?: CompiledValidatorError[] | null;');
  dts.print('}');
  for (const contract of contracts) {
    dts.blank();
    dts.print(`/** Validates a ${contract.name} (${schemaSourcePath(contract.file)}). */`);
    dts.print(`export declare const ${contract.name}: CompiledValidator<Types.${contract.name}>;`);
  }
  return [js.toFile(VALIDATORS_JS, preamble('ts', sources)), dts.toFile(VALIDATORS_DTS, preamble('ts', sources))];
}
