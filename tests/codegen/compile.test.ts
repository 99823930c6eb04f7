import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadSchemaSet } from '../../codegen/schema-set.js';
import { createAjv } from '../../codegen/ts/ajv-instance.js';

const set = loadSchemaSet(process.cwd());

describe('every schema compiles under Ajv2020 strict', () => {
  it('as written (no codegen additions)', () => {
    const ajv = new Ajv2020Module.default({ strict: true, strictRequired: false });
    for (const file of set.files) ajv.addSchema(file.schema);
    for (const file of set.files) expect(() => ajv.getSchema(file.schema.$id), file.fileName).not.toThrow();
  });

  it('as the validators compile them (discriminator at every tagged union)', () => {
    const ajv = createAjv(set);
    for (const file of set.files) {
      const validate = ajv.getSchema(file.schema.$id);
      expect(typeof validate, file.fileName).toBe('function');
    }
  });
});
