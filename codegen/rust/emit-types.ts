/**
 * Emits `generated/rust/types.rs`: serde types for every named type of the model.
 * Struct fields are declared in canonical key order (UTF-16 order of the JSON names), so that
 * serde_json writes canonical objects without re-sorting; a branch of a tagged union gets a
 * generated `Serialize` that writes its tag at its sorted place (serde's internally tagged
 * enums would write the tag first).
 */
import { FilePrinter } from '../emit/generated-file.js';
import type { NamedType, SchemaModel, Shape } from './schema-model.js';
import { docLines, fieldName, rustString, utf16Compare, variantName } from './names.js';

/** The Rust type of a shape. */
export function rustType(shape: Shape): string {
  switch (shape.kind) {
    case 'ref':
      return shape.target;
    case 'string':
      return 'String';
    case 'integer':
      return (shape.minimum ?? shape.exclusiveMinimum ?? -1) >= 0 ? 'u64' : 'i64';
    case 'number':
      return 'f64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `Vec<${rustType(shape.items)}>`;
  }
}

/** Whether values of the type are `Copy`, `Eq` and `Hash` (enums only). */
function emitEnum(out: FilePrinter, type: Extract<NamedType, { kind: 'enum' }>): void {
  out.printBlock(docLines('', type.description, `The ${type.name} enum.`).join('\n'));
  out.print('#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]');
  out.print(`pub enum ${type.name} {`);
  for (const value of type.values) {
    out.print(`    /// \`${value}\``);
    out.print(`    #[serde(rename = ${rustString(value)})]`);
    out.print(`    ${variantName(value)},`);
  }
  out.print('}');
  out.blank();
  out.print(`impl ${type.name} {`);
  out.print('    /// Every value, in schema order.');
  out.print(`    pub const ALL: [${type.name}; ${type.values.length}] = [${type.values.map((v) => `${type.name}::${variantName(v)}`).join(', ')}];`);
  out.blank();
  out.print('    /// The JSON spelling of the value.');
  out.print('    pub const fn as_str(self) -> &\'static str {');
  out.print('        match self {');
  for (const value of type.values) out.print(`            ${type.name}::${variantName(value)} => ${rustString(value)},`);
  out.print('        }');
  out.print('    }');
  out.print('}');
  out.blank();
}

function emitStruct(out: FilePrinter, type: Extract<NamedType, { kind: 'struct' }>): void {
  const tag = type.tag;
  const fields = type.properties.filter((p) => p.name !== tag?.property).sort((a, b) => utf16Compare(a.name, b.name));
  out.printBlock(docLines('', type.description, `The ${type.name} object.`).join('\n'));
  if (tag !== undefined) out.print(`///\n/// Tagged \`${tag.property}\` = \`${tag.value}\`: the tag is written by the \`Serialize\` impl below and consumed by the enclosing union.`);
  // A struct of optional fields only has an empty value: `Default` builds it.
  const derives = fields.every((f) => !f.required) ? 'Debug, Clone, Default, PartialEq' : 'Debug, Clone, PartialEq';
  out.print(tag === undefined ? `#[derive(${derives}, Serialize, Deserialize)]` : `#[derive(${derives}, Deserialize)]`);
  out.print('#[serde(deny_unknown_fields)]');
  out.print(`pub struct ${type.name} {`);
  for (const field of fields) {
    out.printBlock(docLines('    ', field.description, `\`${field.name}\``).join('\n'));
    const rename = fieldName(field.name) === field.name ? '' : `rename = ${rustString(field.name)}, `;
    if (field.required) {
      if (rename !== '') out.print(`    #[serde(${rename.slice(0, -2)})]`);
      out.print(`    pub ${fieldName(field.name)}: ${rustType(field.shape)},`);
    } else {
      out.print(`    #[serde(${rename}default, skip_serializing_if = "Option::is_none")]`);
      out.print(`    pub ${fieldName(field.name)}: Option<${rustType(field.shape)}>,`);
    }
  }
  out.print('}');
  out.blank();
  if (tag !== undefined) emitTaggedSerialize(out, type.name, fields, tag);
}

function emitTaggedSerialize(
  out: FilePrinter,
  name: string,
  fields: readonly { name: string; required: boolean }[],
  tag: { property: string; value: string },
): void {
  const all = [...fields.map((f) => ({ ...f, isTag: false })), { name: tag.property, required: true, isTag: true }].sort((a, b) =>
    utf16Compare(a.name, b.name),
  );
  const optional = fields.filter((f) => !f.required);
  out.print(`impl Serialize for ${name} {`);
  out.print('    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {');
  out.print(`        let len = ${fields.filter((f) => f.required).length + 1}${optional.map((f) => ` + usize::from(self.${fieldName(f.name)}.is_some())`).join('')};`);
  out.print(`        let mut state = serializer.serialize_struct(${rustString(name)}, len)?;`);
  for (const field of all) {
    if (field.isTag) out.print(`        state.serialize_field(${rustString(field.name)}, ${rustString(tag.value)})?;`);
    else if (field.required) out.print(`        state.serialize_field(${rustString(field.name)}, &self.${fieldName(field.name)})?;`);
    else {
      out.print(`        if let Some(value) = &self.${fieldName(field.name)} {`);
      out.print(`            state.serialize_field(${rustString(field.name)}, value)?;`);
      out.print('        }');
    }
  }
  out.print('        state.end()');
  out.print('    }');
  out.print('}');
  out.blank();
}

function emitUnion(out: FilePrinter, type: Extract<NamedType, { kind: 'union' }>): void {
  out.printBlock(docLines('', type.description, `The ${type.name} union.`).join('\n'));
  out.print(`///\n/// Internally tagged by \`${type.tagProperty}\`.`);
  out.print('#[derive(Debug, Clone, PartialEq, Deserialize)]');
  // Branches are stored inline, as the schema lays them out; boxing would change the API.
  out.print('#[allow(clippy::large_enum_variant)]');
  out.print(`#[serde(tag = ${rustString(type.tagProperty)})]`);
  out.print(`pub enum ${type.name} {`);
  for (const branch of type.branches) {
    out.print(`    /// \`${type.tagProperty}\` = \`${branch.tagValue}\``);
    out.print(`    #[serde(rename = ${rustString(branch.tagValue)})]`);
    out.print(`    ${branch.target}(${branch.target}),`);
  }
  out.print('}');
  out.blank();
  out.print(`impl Serialize for ${type.name} {`);
  out.print('    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {');
  out.print('        match self {');
  for (const branch of type.branches) out.print(`            ${type.name}::${branch.target}(value) => value.serialize(serializer),`);
  out.print('        }');
  out.print('    }');
  out.print('}');
  out.blank();
}

/** Emits the body of `types.rs` (without the preamble). */
export function emitTypes(model: SchemaModel): FilePrinter {
  const out = new FilePrinter();
  out.print('//! Serde types of every lockstep contract and of the wire protocol, generated from `schemas/`.');
  out.blank();
  out.print('use serde::ser::SerializeStruct;');
  out.print('use serde::{Deserialize, Serialize, Serializer};');
  out.blank();
  for (const type of model.types.values()) {
    switch (type.kind) {
      case 'alias':
        out.printBlock(docLines('', type.description, `The ${type.name} scalar.`).join('\n'));
        out.print(`pub type ${type.name} = ${rustType(type.shape)};`);
        out.blank();
        break;
      case 'enum':
        emitEnum(out, type);
        break;
      case 'struct':
        emitStruct(out, type);
        break;
      case 'union':
        emitUnion(out, type);
        break;
    }
  }
  return out;
}
