//! Outcomes of a step: severity and acceptance of each diagnostic code come from one table.

use crate::generated::types::{
    AccountState, DiagnosticCode, OrderAction, OrderTransition, OutcomeDetails, Severity, TradeSlot,
    TradeStage, TransitionResult,
};

/// The severity of a diagnostic code (docs/kernel-semantics.md, "The outcome of a step").
pub fn severity_of(code: DiagnosticCode) -> Severity {
    use DiagnosticCode as C;
    match code {
        C::Ok | C::Reconciled | C::DuplicateEvent | C::LateAck => Severity::Info,
        C::ModeForbidden | C::StaleStateReconciling => Severity::Error,
        _ => Severity::Warning,
    }
}

/// A refusal: the code and the details naming what was wrong. Nothing changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The diagnostic code.
    pub code: DiagnosticCode,
    /// What was wrong.
    pub details: OutcomeDetails,
}

/// Builds a refusal.
pub fn refusal(code: DiagnosticCode, details: OutcomeDetails) -> Refusal {
    Refusal { code, details }
}

/// What an accepted step did to one slot (and perhaps the account), before it is committed.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotEffect {
    /// The slot after the step.
    pub slot: TradeSlot,
    /// The account after the step, when it changed.
    pub account: Option<AccountState>,
    /// Transitions, in order.
    pub transitions: Vec<OrderTransition>,
    /// Order actions for the venue adapter.
    pub actions: Vec<OrderAction>,
    /// The accepted code.
    pub code: DiagnosticCode,
    /// Details of the outcome.
    pub details: OutcomeDetails,
}

/// The outcome of an accepted step.
pub fn accepted_outcome(code: DiagnosticCode, details: OutcomeDetails, transitions: Vec<OrderTransition>) -> TransitionResult {
    TransitionResult { accepted: true, code, severity: severity_of(code), details, transitions }
}

/// The outcome of a refused step.
pub fn refused_outcome(refusal: Refusal) -> TransitionResult {
    TransitionResult {
        accepted: false,
        code: refusal.code,
        severity: severity_of(refusal.code),
        details: refusal.details,
        transitions: Vec::new(),
    }
}

/// Details naming a field and its value (as ECMAScript number text).
pub fn field_value(field: &str, value: f64) -> OutcomeDetails {
    OutcomeDetails { field: Some(field.to_owned()), value: Some(crate::canonical::number_text(value)), ..OutcomeDetails::default() }
}

/// Outcome details naming a stage.
pub fn stage_details(stage: TradeStage) -> OutcomeDetails {
    OutcomeDetails { stage: Some(stage), ..OutcomeDetails::default() }
}
