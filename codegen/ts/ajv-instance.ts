import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { schemaSourcePath, SchemaSetError, type SchemaSet } from '../schema-set.js';
import { compiledSchemas } from '../model/compiled-schemas.js';

// ajv and ajv-formats are CommonJS with a `default` export; under NodeNext the default
// import is the module object.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
export type Ajv = InstanceType<typeof Ajv2020>;

/** The options every lockstep validator is compiled with (docs/protocol.md relies on them). */
export const AJV_OPTIONS = {
  strict: true,
  // strictRequired rejects the documented discriminator shape (required tag in each branch).
  strictRequired: false,
  discriminator: true,
  allErrors: false,
  // Errors carry the failing schema object, used to report the sorted-first unknown key.
  verbose: true,
} as const;

/** An Ajv2020 instance holding every schema of the set, by `$id`, ready for standalone code. */
export function createAjv(set: SchemaSet, options: { standalone: boolean; allErrors?: boolean } = { standalone: false }): Ajv {
  const ajv = new Ajv2020({
    ...AJV_OPTIONS,
    ...(options.allErrors === true ? { allErrors: true } : {}),
    ...(options.standalone ? { code: { source: true, esm: true, lines: true } } : {}),
  });
  addFormats(ajv);
  const schemas = compiledSchemas(set);
  set.files.forEach((file, index) => {
    // ajv checks each schema against the 2020-12 meta-schema here; name the file that breaks it.
    try {
      ajv.addSchema(schemas[index]);
    } catch (error) {
      throw new SchemaSetError(schemaSourcePath(file), `not a valid JSON Schema 2020-12 schema: ${(error as Error).message}`);
    }
  });
  return ajv;
}
