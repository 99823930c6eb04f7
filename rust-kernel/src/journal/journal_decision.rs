//! The decision table of opening a journal (twin of journal-decision.ts).

use crate::canonical::write_string;

/// The named cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalCase {
    /// No bytes at all.
    Empty,
    /// Every line complete and verified, not sealed.
    Clean,
    /// Every line complete and verified, the last a seal.
    Sealed,
    /// Verified up to an unterminated last line.
    TornTail,
    /// A complete line before the tail does not verify.
    Damaged,
}

impl JournalCase {
    /// The case's name in docs and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Clean => "clean",
            Self::Sealed => "sealed",
            Self::TornTail => "torn_tail",
            Self::Damaged => "damaged",
        }
    }
}

/// Where and why a complete line does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalDamage {
    /// Index the damaged line should have (the header is 0).
    pub index: u64,
    /// Byte offset of the line's first byte.
    pub offset: u64,
    /// The reason's name (`bad_checksum`, `bad_index`, ...).
    pub reason: &'static str,
    /// One sentence on what was found.
    pub message: String,
}

/// The decision over one journal file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalDecision {
    /// The case.
    pub case: JournalCase,
    /// Chained records verified.
    pub records: u64,
    /// Checksum of the last verified chained record.
    pub head: String,
    /// Bytes up to the end of the last verified line.
    pub valid_bytes: u64,
    /// Unterminated bytes after the last complete line.
    pub torn_bytes: u64,
    /// Whether the verified chain ends with a seal.
    pub sealed: bool,
    /// Present when damaged.
    pub damage: Option<JournalDamage>,
}

impl JournalDecision {
    /// The fields both verifiers must agree on, as decisionKey writes them in TypeScript.
    pub fn key(&self) -> String {
        let damage = match &self.damage {
            None => String::new(),
            Some(d) => format!(" {} {} {}", d.index, d.offset, d.reason),
        };
        format!("{} {} {} {} {} {}{}", self.case.name(), self.records, self.head, self.valid_bytes, self.torn_bytes, self.sealed, damage)
    }

    /// The decision as canonical JSON (what `lockstep-kernel journal-verify` prints).
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        out.extend_from_slice(format!("{{\"case\":\"{}\"", self.case.name()).as_bytes());
        if let Some(d) = &self.damage {
            out.extend_from_slice(format!(",\"damage\":{{\"index\":{},\"message\":", d.index).as_bytes());
            write_string(&mut out, &d.message);
            out.extend_from_slice(format!(",\"offset\":{},\"reason\":\"{}\"}}", d.offset, d.reason).as_bytes());
        }
        out.extend_from_slice(
            format!(
                ",\"head\":\"{}\",\"records\":{},\"sealed\":{},\"torn_bytes\":{},\"valid_bytes\":{}}}",
                self.head, self.records, self.sealed, self.torn_bytes, self.valid_bytes
            )
            .as_bytes(),
        );
        String::from_utf8(out).unwrap_or_default()
    }
}
