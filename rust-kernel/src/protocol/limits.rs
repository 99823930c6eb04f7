//! Named bounds of the wire protocol (docs/protocol.md); the TypeScript side uses the same names.

/// Longest request line, in bytes, without its `\n` (and one trailing `\r`).
pub const LINE_BYTES_MAX: usize = 8 * 1024 * 1024;

/// Deepest nesting of arrays and objects in a request: the top-level value is depth 1.
pub const JSON_DEPTH_MAX: usize = 64;

/// The protocol version this implementation speaks; a client's major must equal ours.
pub const PROTOCOL_VERSION: &str = "1.0";

/// The protocol major version.
pub const PROTOCOL_MAJOR: u64 = 1;

/// Object keys refused anywhere in a request (prototype pollution in JavaScript consumers).
pub const FORBIDDEN_KEYS: [&str; 3] = ["__proto__", "constructor", "prototype"];

/// Largest integer a binary64 holds exactly (2^53 - 1): the bound of seq echo.
pub const SAFE_INTEGER_MAX: f64 = 9_007_199_254_740_991.0;
