import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { generateMatrixTables } from './matrix-tables.js';
import { contractsOf, isContractFile } from '../model/contracts.js';
import { resolveRef } from '../model/resolve.js';
import { taggedUnionsOf } from '../model/tagged-unions.js';
import { schemaSourcePath, type SchemaFile, type SchemaSet } from '../schema-set.js';

export const DOCS_DIR = 'generated/docs';

type Json = any;

/** A titled schema that gets its own section: a root, a `$defs` entry, or an inline titled object. */
interface Section {
  readonly title: string;
  readonly schema: Json;
  readonly pointer: string;
}

function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function docName(file: SchemaFile): string {
  return `${file.name}.md`;
}

/** Renders the type of a schema as markdown, linking named types to their sections. */
function renderType(set: SchemaSet, file: SchemaFile, schema: Json): string {
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(set, file, schema.$ref);
    const title = String(target?.schema?.title ?? schema.$ref);
    const page = target === undefined || target.file === file ? '' : docName(target.file);
    return `[${title}](${page}#${anchor(title)})`;
  }
  if (schema.const !== undefined) return code(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(code).join(' \\| ');
  if (Array.isArray(schema.oneOf)) return schema.oneOf.map((branch: Json) => renderType(set, file, branch)).join(' \\| ');
  if (typeof schema.title === 'string' && schema.type === 'object') return `[${schema.title}](#${anchor(schema.title)})`;
  if (schema.type === 'array') return `array of ${renderType(set, file, schema.items ?? {})}`;
  if (typeof schema.type === 'string') return schema.type;
  return 'any';
}

/** Bounds, lengths, patterns and formats of a schema, in words. */
function renderConstraints(schema: Json): string {
  const parts: string[] = [];
  if (schema.exclusiveMinimum !== undefined) parts.push(`> ${schema.exclusiveMinimum}`);
  if (schema.minimum !== undefined) parts.push(`>= ${schema.minimum}`);
  if (schema.exclusiveMaximum !== undefined) parts.push(`< ${schema.exclusiveMaximum}`);
  if (schema.maximum !== undefined) parts.push(`<= ${schema.maximum}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    parts.push(`length ${schema.minLength ?? 0}..${schema.maxLength ?? '∞'} code points`);
  }
  if (schema.pattern !== undefined) parts.push(`pattern \`${schema.pattern}\``);
  if (schema.format !== undefined) parts.push(`format ${schema.format}`);
  if (schema.minItems !== undefined || schema.maxItems !== undefined) {
    parts.push(`${schema.minItems ?? 0}..${schema.maxItems ?? '∞'} items`);
  }
  if (schema.type === 'array' && schema.items !== undefined && schema.items.$ref === undefined) {
    const inner = renderConstraints(schema.items);
    if (inner !== '') parts.push(`each ${inner}`);
  }
  return parts.join(', ');
}

/** The sections of a file: root, `$defs` entries, inline titled objects, in document order. */
function sectionsOf(file: SchemaFile): Section[] {
  const sections: Section[] = [];
  const seen = new Set<Json>();
  const visitInline = (schema: Json, pointer: string): void => {
    if (typeof schema !== 'object' || schema === null) return;
    for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) {
      const items = property?.items;
      for (const [candidate, at] of [
        [property, `${pointer}/properties/${name}`],
        [items, `${pointer}/properties/${name}/items`],
      ] as const) {
        if (candidate?.type === 'object' && typeof candidate.title === 'string' && !seen.has(candidate)) {
          seen.add(candidate);
          sections.push({ title: candidate.title, schema: candidate, pointer: at });
          visitInline(candidate, at);
        }
      }
    }
  };
  if (isContractFile(file)) {
    sections.push({ title: String(file.schema.title), schema: file.schema, pointer: '' });
    visitInline(file.schema, '');
  }
  for (const [name, def] of Object.entries<Json>(file.schema.$defs ?? {})) {
    sections.push({ title: String(def.title ?? name), schema: def, pointer: `/$defs/${name}` });
    visitInline(def, `/$defs/${name}`);
  }
  return sections;
}

function printSection(p: FilePrinter, set: SchemaSet, file: SchemaFile, section: Section, level: string): void {
  const { schema } = section;
  p.print(`${level} ${section.title}`);
  p.blank();
  if (typeof schema.description === 'string') p.print(schema.description).blank();
  const union = taggedUnionsOf(set, file).find((candidate) => candidate.pointer === section.pointer);
  if (union !== undefined) {
    p.print(`One of, tagged by \`${union.tag ?? '?'}\`:`);
    p.blank();
    for (const branch of union.branches) {
      p.print(`- ${renderType(set, file, { $ref: branch.ref })}: \`${union.tag}\` = ${code(branch.tagValue)}`);
    }
    p.blank();
    return;
  }
  if (schema.type === 'object') {
    const required = new Set<string>(schema.required ?? []);
    p.print(`Object; unknown properties are ${schema.additionalProperties === false ? 'refused' : 'allowed'}.`);
    p.blank();
    p.print('| Field | Type | Presence | Constraints | Description |');
    p.print('| --- | --- | --- | --- | --- |');
    for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) {
      const presence = [required.has(name) ? 'required' : 'optional', property.deprecated === true ? 'deprecated' : '']
        .filter((word) => word !== '')
        .join(', ');
      p.print(
        `| \`${name}\` | ${cell(renderType(set, file, property))} | ${presence} | ${cell(renderConstraints(property))} | ${cell(
          String(property.description ?? ''),
        )} |`,
      );
    }
    p.blank();
    return;
  }
  p.print(`Type: ${Array.isArray(schema.enum) ? 'string' : renderType(set, file, { ...schema, title: undefined })}.`);
  if (Array.isArray(schema.enum)) {
    p.blank();
    p.print('Values:');
    p.blank();
    for (const value of schema.enum) p.print(`- ${code(value)}`);
  }
  const constraints = renderConstraints(schema);
  if (constraints !== '') p.blank().print(`Constraints: ${constraints}.`);
  p.blank();
}

/** Markdown reference of one schema file. */
function fileDoc(set: SchemaSet, file: SchemaFile): GeneratedFile {
  const p = new FilePrinter();
  const [first, ...rest] = sectionsOf(file);
  p.print(`# ${String(file.schema.title)}`);
  p.blank();
  p.print(`Schema \`${schemaSourcePath(file)}\`, \`$id\` \`${String(file.schema.$id)}\`.`);
  p.blank();
  if (first !== undefined && first.pointer === '') {
    // The root section is the page itself.
    printSection(p, set, file, { ...first, title: 'Contract' }, '##');
  } else {
    if (typeof file.schema.description === 'string') p.print(file.schema.description).blank();
    if (first !== undefined) printSection(p, set, file, first, '##');
  }
  for (const section of rest) printSection(p, set, file, section, '##');
  return p.toFile(`${DOCS_DIR}/${docName(file)}`, preamble('markdown', [schemaSourcePath(file)]));
}

/** The index page: every schema file, its contract name and what it is. */
function indexDoc(set: SchemaSet): GeneratedFile {
  const contracts = new Set(contractsOf(set).map((contract) => contract.file));
  const p = new FilePrinter();
  p.print('# lockstep v1 contracts');
  p.blank();
  p.print('Every schema of `schemas/`, generated from the schemas themselves. Contracts are validated by');
  p.print("name with `validate(name, value)` from the package (`import { validate } from 'lockstep'`; add");
  p.print('`{ allErrors: true }` for every error); the vocabulary holds shared types. The raw schemas are');
  p.print("published as `lockstep/schemas/<file>`; the transition matrices are rendered in [matrices.md](matrices.md).");
  p.blank();
  p.print('| Schema | Contract | Description |');
  p.print('| --- | --- | --- |');
  for (const file of set.files) {
    const name = contracts.has(file) ? `\`${String(file.schema.title)}\`` : '(shared definitions)';
    p.print(`| [${file.fileName}](${docName(file)}) | ${name} | ${cell(String(file.schema.description ?? ''))} |`);
  }
  return p.toFile(`${DOCS_DIR}/index.md`, preamble('markdown', set.files.map(schemaSourcePath)));
}

/** The markdown reference: one page per schema file and an index. */
export function generateMarkdown(set: SchemaSet): GeneratedFile[] {
  return [indexDoc(set), generateMatrixTables(set), ...set.files.map((file) => fileDoc(set, file))];
}
