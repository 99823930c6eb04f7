// Named bounds of the wire protocol (docs/protocol.md), generated from
// schemas/data/protocol.edge.json; the Rust kernel reads the same table.
export {
  CAPABILITIES,
  JSON_DEPTH_MAX,
  LINE_BYTES_MAX,
  MESSAGE_CHARS_MAX,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  QUOTED_VALUE_CHARS_MAX,
  SAFE_INTEGER_MAX,
} from '../../generated/ts/protocol-edge.js';
import { FORBIDDEN_KEYS as FORBIDDEN_KEY_LIST } from '../../generated/ts/protocol-edge.js';

/** Object keys refused anywhere in a request (prototype pollution in JavaScript consumers). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(FORBIDDEN_KEY_LIST);
