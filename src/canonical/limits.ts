/**
 * Deepest nesting of arrays and objects that canonical JSON accepts, in either direction
 * (`parseJson` and `canonicalize`): the top-level container is depth 1 and each nested
 * container adds one; scalars add nothing. The wire protocol's `json_depth_max`
 * (schemas/data/protocol.edge.json), so that whatever one side writes the other can read,
 * and a hostile input cannot exhaust the stack.
 */
export { JSON_DEPTH_MAX } from '../../generated/ts/protocol-edge.js';
