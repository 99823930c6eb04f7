/**
 * Emits `generated/rust/validate.rs`: one `validate_<type>(&Value)` per named type that finds
 * the same first error (keyword and JSON pointer) as ajv does with the generated TS validators,
 * in the order of docs/protocol.md "Schema errors": type; tag (discriminator); required in
 * array order; the first unknown key in UTF-16 order; properties in schema order, depth first;
 * for scalars const/enum, maximum, minimum, exclusiveMaximum, exclusiveMinimum, maxLength,
 * minLength, pattern; for arrays maxItems, minItems, then items by index.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FilePrinter } from '../emit/generated-file.js';
import type { NamedType, SchemaModel, Shape } from './schema-model.js';
import { compilePattern } from './pattern.js';
import { rustF64, rustString, snakeName } from './names.js';

const SUPPORT = readFileSync(fileURLToPath(new URL('./validator-support.rs.txt', import.meta.url)), 'utf8');

function opt(value: number | undefined, render: (n: number) => string): string {
  return value === undefined ? 'None' : `Some(${render(value)})`;
}

function charLiteral(code: number): string {
  const ch = String.fromCodePoint(code);
  if (ch === "'" || ch === '\\') return `'\\${ch}'`;
  if (code < 0x20 || code > 0x7e) return `'\\u{${code.toString(16)}}'`;
  return `'${ch}'`;
}

/** The Rust expression checking `value` against an inline shape; helper fns go to `helpers`. */
function shapeCheck(shape: Shape, value: string, owner: string, helpers: FilePrinter): string {
  switch (shape.kind) {
    case 'ref':
      return `validate_${snakeName(shape.target)}(${value})`;
    case 'string': {
      const pattern =
        shape.pattern === undefined
          ? 'None'
          : `Some((${rustString(shape.pattern)}, &[${compilePattern(shape.pattern)
              .map(
                (atom) =>
                  `Atom { ranges: &[${atom.ranges.map(([lo, hi]) => `(${charLiteral(lo)}, ${charLiteral(hi)})`).join(', ')}], min: ${atom.min}, max: ${atom.max === null ? 'usize::MAX' : atom.max} }`,
              )
              .join(', ')}]))`;
      return (
        `check_string(${value}, &StringRule { const_value: ${shape.const === undefined ? 'None' : `Some(${rustString(shape.const)})`}, ` +
        `enum_values: ${shape.enum === undefined ? 'None' : `Some(&[${shape.enum.map(rustString).join(', ')}])`}, ` +
        `max_length: ${opt(shape.maxLength, String)}, min_length: ${opt(shape.minLength, String)}, pattern: ${pattern} })`
      );
    }
    case 'number':
    case 'integer':
      return (
        `check_number(${value}, &NumberRule { integer: ${shape.kind === 'integer'}, maximum: ${opt(shape.maximum, rustF64)}, ` +
        `minimum: ${opt(shape.minimum, rustF64)}, exclusive_maximum: ${opt(shape.exclusiveMaximum, rustF64)}, ` +
        `exclusive_minimum: ${opt(shape.exclusiveMinimum, rustF64)} })`
      );
    case 'boolean':
      return `check_bool(${value})`;
    case 'array': {
      const item = fnFor(shape.items, `${owner}_item`, helpers);
      return `check_array(${value}, ${opt(shape.maxItems, String)}, ${opt(shape.minItems, String)}, ${item})`;
    }
  }
}

/** A function path checking a shape: the named validator for a ref, else a generated helper. */
function fnFor(shape: Shape, owner: string, helpers: FilePrinter): string {
  if (shape.kind === 'ref') return `validate_${snakeName(shape.target)}`;
  const name = `check_${owner}`;
  const body = shapeCheck(shape, 'value', owner, helpers);
  helpers.print(`fn ${name}(value: &Value) -> Result<(), SchemaError> {`);
  helpers.print(`    ${body}`);
  helpers.print('}');
  helpers.blank();
  return name;
}

function emitValidator(out: FilePrinter, helpers: FilePrinter, type: NamedType): void {
  const fn = `validate_${snakeName(type.name)}`;
  out.print(`/// Validates a value against \`${type.name}\`; the first error as ajv reports it.`);
  out.print(`pub fn ${fn}(value: &Value) -> Result<(), SchemaError> {`);
  switch (type.kind) {
    case 'alias':
      out.print(`    ${shapeCheck(type.shape, 'value', snakeName(type.name), helpers)}`);
      break;
    case 'enum':
      out.print(`    ${shapeCheck({ kind: 'string', enum: type.values }, 'value', snakeName(type.name), helpers)}`);
      break;
    case 'struct': {
      const names = type.properties.map((p) => rustString(p.name)).join(', ');
      out.print('    let object = as_object(value)?;');
      out.print(`    check_required(object, &[${type.required.map(rustString).join(', ')}])?;`);
      out.print(`    check_additional(object, &[${names}])?;`);
      for (const prop of type.properties) {
        const check = fnFor(prop.shape, `${snakeName(type.name)}_${prop.name.toLowerCase()}`, helpers);
        out.print(`    check_property(object, ${rustString(prop.name)}, ${check})?;`);
      }
      out.print('    Ok(())');
      break;
    }
    case 'union':
      out.print('    let object = as_object(value)?;');
      out.print(`    match union_tag(object, ${rustString(type.tagProperty)})? {`);
      for (const branch of type.branches) out.print(`        ${rustString(branch.tagValue)} => validate_${snakeName(branch.target)}(value),`);
      out.print(`        _ => Err(unknown_tag(${rustString(type.tagProperty)})),`);
      out.print('    }');
      break;
  }
  out.print('}');
  out.blank();
}

/** Emits the body of `validate.rs` (without the preamble). */
export function emitValidators(model: SchemaModel): FilePrinter {
  const out = new FilePrinter();
  const helpers = new FilePrinter();
  out.print('//! Schema validators generated from `schemas/`, reporting the first error in ajv\'s order.');
  out.print('#![allow(dead_code, clippy::all)]');
  out.blank();
  out.printBlock(SUPPORT);
  out.blank();
  for (const type of model.types.values()) emitValidator(out, helpers, type);
  out.print('// Checks of inline (unnamed) schemas.');
  out.blank();
  out.printBlock(helpers.toFile('', '').content);
  return out;
}
