// The formats other commands write, as JSON Schemas in schemas/inputs/ (open objects: the
// report reads the fields it knows and ignores added ones). Compiled on first use; a handful
// of small schemas compile in milliseconds, so ahead-of-time compilation is not worth it here.
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import parityLine from '../../schemas/inputs/parity_report_line.schema.json' with { type: 'json' };
import fuzzReport from '../../schemas/inputs/fuzz_report.schema.json' with { type: 'json' };
import fuzzMerged from '../../schemas/inputs/fuzz_merged.schema.json' with { type: 'json' };
import compatReport from '../../schemas/inputs/compat_report.schema.json' with { type: 'json' };
import journalCompare from '../../schemas/inputs/journal_compare.schema.json' with { type: 'json' };

export type InputSchemaName = 'parity_report_line' | 'fuzz_report' | 'fuzz_merged' | 'compat_report' | 'journal_compare';

const sources: Record<InputSchemaName, object> = {
  parity_report_line: parityLine,
  fuzz_report: fuzzReport,
  fuzz_merged: fuzzMerged,
  compat_report: compatReport,
  journal_compare: journalCompare,
};

// ajv ships CommonJS: under NodeNext its class is the module's `default`.
const Ajv2020 = Ajv2020Module.default;
const compiled = new Map<InputSchemaName, ValidateFunction>();

function validator(name: InputSchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (fn === undefined) {
    const ajv = new Ajv2020({ allErrors: false, strict: false, discriminator: true });
    fn = ajv.compile(sources[name]);
    compiled.set(name, fn);
  }
  return fn;
}

export interface InputSchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

function describe(error: ErrorObject): InputSchemaProblem {
  const params = error.params as { missingProperty?: string; allowedValues?: unknown[] };
  if (params.missingProperty !== undefined) return { pointer: error.instancePath, message: `missing property "${params.missingProperty}"` };
  if (params.allowedValues !== undefined) return { pointer: error.instancePath, message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  return { pointer: error.instancePath, message: error.message ?? error.keyword };
}

/** The first problem of `value` against an input schema, or undefined when it conforms. */
export function checkInput(name: InputSchemaName, value: unknown): InputSchemaProblem | undefined {
  const fn = validator(name);
  if (fn(value)) return undefined;
  const errors = fn.errors ?? [];
  // A oneOf failure says little; the branch's own error (reported before it) names the field.
  const specific = errors.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'const') ?? errors[0];
  return specific ? describe(specific) : { pointer: '', message: 'invalid' };
}
