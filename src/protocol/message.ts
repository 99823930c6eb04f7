// Error messages from the templates of schemas/data/protocol.edge.json (its Rust twin is
// rust-kernel/src/protocol/message.rs): the table's own names are filled in by codegen, the
// values of a line here, each cut by code points.
import type { ErrorCode } from '../../generated/ts/types.js';
import { ERROR_TEMPLATE, LOCATED, MESSAGE_CHARS_MAX, QUOTED_VALUE_CHARS_MAX } from '../../generated/ts/protocol-edge.js';
import { cutText } from '../canonical/index.js';

/** Values of a line a template names: `{detail}` (a sentence), `{seq}`, `{op}`, ... */
export type MessageValues = Readonly<Record<string, string | number>>;

/** `{detail}` is a whole sentence (bounded by the message bound); others are quoted values. */
function valueText(name: string, value: string | number): string {
  return cutText(String(value), name === 'detail' ? MESSAGE_CHARS_MAX : QUOTED_VALUE_CHARS_MAX);
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The message of an error code, its values filled in. */
export function errorMessage(code: ErrorCode, values: MessageValues = {}): string {
  const texts: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) texts[name] = valueText(name, value);
  return fill(ERROR_TEMPLATE[code], texts);
}

/** The message with where it happened, cut to the message bound. */
export function locatedMessage(message: string, line: number, path: string): string {
  const where = path === '' ? fill(LOCATED.line, { line: String(line) }) : fill(LOCATED.line_path, { line: String(line), path });
  return cutText(fill(LOCATED.message, { message, where }), MESSAGE_CHARS_MAX);
}
