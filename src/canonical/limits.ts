/**
 * Deepest nesting of arrays and objects that canonical JSON accepts, in either direction
 * (`parseJson` and `canonicalize`): the top-level container is depth 1 and each nested
 * container adds one; scalars add nothing. The same bound and name as the wire protocol's
 * `json_depth_max` (docs/protocol.md), so that whatever one side writes the other can read,
 * and a hostile input cannot exhaust the stack.
 */
export const JSON_DEPTH_MAX = 64;
