// Validators compiled at run time from a contract set (ajv, the project's validator compiler),
// one ajv instance per side so both versions of a schema can be loaded under the same $id.
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ContractSet } from './contract-set.js';
import { isObject } from './refs.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export interface Check {
  (value: unknown): boolean;
  /** The instance path of the last refusal. */
  lastErrorPath(): string;
}

export class CompiledSet {
  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly keys = new Map<string, string>();
  private readonly cache = new Map<string, Check>();

  constructor(readonly set: ContractSet) {
    // strict off: a baseline may hold keywords today's house rules refuse; it must still load.
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(this.ajv);
    for (const [file, schema] of set.schemas) {
      const id = isObject(schema) && typeof schema.$id === 'string' ? schema.$id : file;
      this.keys.set(file, id);
      this.ajv.addSchema(schema as object, isObject(schema) && typeof schema.$id === 'string' ? undefined : file);
    }
  }

  /** The validator of one schema file, or of a node inside it by pointer (compiled on first use). */
  check(file: string, pointer = ''): Check {
    const key = `${file}#${pointer}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const base = this.keys.get(file) ?? file;
    const validate = this.ajv.getSchema(pointer === '' ? base : `${base}#${pointer}`);
    if (validate === undefined) throw new Error(`${this.set.label}: cannot compile ${key}`);
    const check = Object.assign((value: unknown) => validate(value) as boolean, {
      lastErrorPath: () => validate.errors?.[0]?.instancePath ?? '',
    });
    this.cache.set(key, check);
    return check;
  }
}
