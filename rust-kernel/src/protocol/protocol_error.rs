//! Protocol errors: one error type over the documented code enum of the schemas, the position
//! (line, JSON pointer, seq) recorded where the error happens, a category per code, and a
//! message that ends with where.

use crate::generated::types::{ErrorCategory, ErrorCode, ErrorResponse, ProtocolError};

/// The category of each code (docs/protocol.md, "One line, in order"):
/// syntax — the line is not JSON (`LINE_TOO_LONG`, `INVALID_UTF8`, `EMPTY_LINE`,
/// `INVALID_JSON`, `DEPTH_LIMIT_EXCEEDED`, `NUMBER_OUT_OF_RANGE`); schema — JSON but not a
/// valid request (`FORBIDDEN_KEY`, `SCHEMA_VIOLATION`); protocol — a valid request out of
/// protocol (`DUPLICATE_SEQ`, `SEQ_OUT_OF_ORDER`, `HANDSHAKE_REQUIRED`,
/// `UNSUPPORTED_PROTOCOL_VERSION`, `NOT_CONFIGURED`); internal — a bug (`INTERNAL_ERROR`).
pub fn category_of(code: ErrorCode) -> ErrorCategory {
    use ErrorCode as E;
    match code {
        E::LineTooLong | E::InvalidUtf8 | E::EmptyLine | E::InvalidJson | E::DepthLimitExceeded | E::NumberOutOfRange => {
            ErrorCategory::Syntax
        }
        E::ForbiddenKey | E::SchemaViolation => ErrorCategory::Schema,
        E::DuplicateSeq | E::SeqOutOfOrder | E::HandshakeRequired | E::UnsupportedProtocolVersion | E::NotConfigured => {
            ErrorCategory::Protocol
        }
        E::InternalError => ErrorCategory::Internal,
    }
}

/// What went wrong with one line, before it is tied to a line number and seq.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The machine-readable code.
    pub code: ErrorCode,
    /// JSON pointer of what was wrong (`""`: the whole line).
    pub path: String,
    /// The schema keyword, for schema violations.
    pub keyword: Option<String>,
    /// What was wrong, for people (the location is appended by [`Error::into_response`]).
    pub message: String,
}

/// Longest message the schema's `Text` allows, in characters.
const MESSAGE_CHARS_MAX: usize = 512;

impl Error {
    /// An error without a keyword.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { code, path: path.into(), keyword: None, message: message.into() }
    }

    /// A schema error with its keyword.
    pub fn schema(path: String, keyword: &str, message: String) -> Self {
        Error { code: ErrorCode::SchemaViolation, path, keyword: Some(keyword.to_owned()), message }
    }

    /// The error response of line `line`, echoing `seq` when known.
    pub fn into_response(self, line: u64, seq: Option<u64>) -> ErrorResponse {
        let place = if self.path.is_empty() { format!("line {line}") } else { format!("line {line}, {}", self.path) };
        let mut message = format!("{} ({place})", self.message);
        if message.encode_utf16().count() > MESSAGE_CHARS_MAX {
            message = message.chars().take(MESSAGE_CHARS_MAX / 2 - 3).collect::<String>() + "...";
        }
        ErrorResponse {
            error: ProtocolError {
                category: category_of(self.code),
                code: self.code,
                keyword: self.keyword,
                line,
                message,
                path: self.path,
            },
            seq,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} at {:?}", self.code.as_str(), self.message, self.path)
    }
}

impl std::error::Error for Error {}
