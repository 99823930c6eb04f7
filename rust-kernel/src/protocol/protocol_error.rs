//! Protocol errors: one error type over the documented code enum of the schemas, the position
//! (line, JSON pointer, seq) recorded where the error happens, a category per code and a
//! message per code from `schemas/data/protocol.edge.json`, ending with where.

use crate::generated::protocol_edge::{error_category, FALLBACK_MESSAGE};
use crate::generated::types::{ErrorCode, ErrorResponse, ProtocolError};

use super::message::{error_message, located_message};

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

impl Error {
    /// An error whose message is the code's template with `values` filled in.
    pub fn new(code: ErrorCode, path: impl Into<String>, values: &[(&str, &str)]) -> Self {
        Error { code, path: path.into(), keyword: None, message: error_message(code, values) }
    }

    /// A schema error with its keyword; `detail` says what failed.
    pub fn schema(path: String, keyword: &str, detail: &str) -> Self {
        let mut error = Error::new(ErrorCode::SchemaViolation, path, &[("detail", detail)]);
        error.keyword = Some(keyword.to_owned());
        error
    }

    /// The INTERNAL_ERROR of a line whose answer could not be written: a fixed ASCII message
    /// from the table, so that the response built from it always serialises.
    pub fn fallback() -> Self {
        Error { code: ErrorCode::InternalError, path: String::new(), keyword: None, message: FALLBACK_MESSAGE.to_owned() }
    }

    /// The error response of line `line`, echoing `seq` when known.
    pub fn into_response(self, line: u64, seq: Option<u64>) -> ErrorResponse {
        let message = located_message(&self.message, line, &self.path);
        ErrorResponse {
            error: ProtocolError {
                category: error_category(self.code),
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
