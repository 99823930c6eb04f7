import { compile } from 'json-schema-to-typescript';
import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { bundleSchemaSet } from '../model/bundle.js';
import { schemaSourcePath, type SchemaSet } from '../schema-set.js';

export const TYPES_TS = 'generated/ts/types.ts';

/** Title of the synthetic root that references every type; it is not exported. */
const BUNDLE_ROOT = 'LockstepSchemaBundle';

/** Removes the declaration of the synthetic root from the emitted TypeScript. */
export function dropRootDeclaration(ts: string): string {
  const start = ts.indexOf(`export interface ${BUNDLE_ROOT} {`);
  if (start === -1) throw new Error(`${TYPES_TS}: the bundle root ${BUNDLE_ROOT} was not emitted`);
  const end = ts.indexOf('\n}\n', start);
  // Also drop the doc comment json-schema-to-typescript puts right above the declaration.
  const before = ts.slice(0, start).replace(/\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n$/, '');
  return before + ts.slice(end + 3);
}

/** Drops the "referenced by the bundle root via the definition X" notes: the root is synthetic. */
export function dropBundleNotes(ts: string): string {
  const note = new RegExp(
    `\\n \\*\\n \\* This interface was referenced by \`${BUNDLE_ROOT}\`'s JSON-Schema\\n \\* via the \`definition\` "[^"]*"\\.`,
    'g',
  );
  const bare = new RegExp(
    `/\\*\\*\\n \\* This interface was referenced by \`${BUNDLE_ROOT}\`'s JSON-Schema\\n \\* via the \`definition\` "[^"]*"\\.\\n \\*/\\n`,
    'g',
  );
  return ts.replace(note, '').replace(bare, '');
}

/** TypeScript types of every contract, one declaration per titled schema. */
export async function generateTypes(set: SchemaSet): Promise<GeneratedFile[]> {
  const bundle = bundleSchemaSet(set, BUNDLE_ROOT);
  const ts = await compile(bundle, BUNDLE_ROOT, {
    bannerComment: '',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    // maxItems: 16 would otherwise become a union of 16 tuple types.
    ignoreMinAndMaxItems: true,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
    cwd: process.cwd(),
  });
  const printer = new FilePrinter();
  printer.print('// TypeScript types of the lockstep v1 contracts, named by schema title.');
  printer.blank();
  printer.printBlock(dropBundleNotes(dropRootDeclaration(ts)).trim());
  return [printer.toFile(TYPES_TS, preamble('ts', set.files.map(schemaSourcePath)))];
}
