//! The kernel: it holds the state and the switch; the helpers beside it compute what a step
//! changes, and the kernel commits a change only when the step is accepted, so a refused step
//! leaves the state byte-identical by construction.

use crate::generated::types::{KernelConfig, TradeSlot, AccountState, EngineIntent, ExecutionStepResult, DiagnosticCode, VenueEvent, AccountEvent, OutcomeDetails, MarkPriceRequest, ReconcileRequest, CalibrateFeeRequest, CoreSnapshot, TransitionResult, OrderAction, FeeCalibration, Verbosity};

use super::amount_range::amount_out_of_range;
use super::outcome::{refused_outcome, refusal, accepted_outcome, SlotEffect, Refusal};
use super::transition::StepContext;

use super::snapshot::{check_snapshot_shape, SnapshotShapeError};
use super::{account, cancel, enter, event_context, exit_leg, fee_calibration, mark_price, reconcile, slot, validate_intent, venue_event};

/// The version tag of a core snapshot.
pub const SNAPSHOT_VERSION: &str = "lockstep.core_snapshot.v1";

/// A configured kernel: slots, account, configuration and the step counter.
#[derive(Debug, Clone)]
pub struct Kernel {
    config: KernelConfig,
    step: u64,
    slots: Vec<TradeSlot>,
    account: AccountState,
}

fn initial_slots(config: &KernelConfig) -> Vec<TradeSlot> {
    (0..config.slot_count).map(slot::empty_slot).collect()
}

impl Kernel {
    /// A fresh kernel for a configuration, step 0.
    pub fn new(config: KernelConfig) -> Self {
        let slots = initial_slots(&config);
        let account = account::initial_account(&config);
        Kernel { config, step: 0, slots, account }
    }

    /// The configuration.
    pub fn config(&self) -> &KernelConfig {
        &self.config
    }

    /// The step counter.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// R2, R5, R7: an intent.
    pub fn intent(&mut self, i: &EngineIntent) -> ExecutionStepResult {
        let (slot_id, cause, ts) = match i {
            EngineIntent::EnterIntent(x) => (x.slot_id, &x.intent_id, x.ts),
            EngineIntent::ExitIntent(x) => (x.slot_id, &x.intent_id, x.ts),
            EngineIntent::CancelIntent(x) => (x.slot_id, &x.intent_id, x.ts),
        };
        let ctx = self.ctx(slot_id, cause, ts);
        self.slot_step(slot_id, DiagnosticCode::InvalidIntent, |kernel| {
            if let Some(bad) = validate_intent::check_intent_numbers(i) {
                return Err(bad);
            }
            let slot = kernel.slot_at(slot_id);
            match i {
                EngineIntent::EnterIntent(x) => enter::enter(slot, x, &ctx, &kernel.account),
                EngineIntent::ExitIntent(x) => exit_leg::exit_leg(slot, x, &ctx),
                EngineIntent::CancelIntent(x) => cancel::cancel(slot, x, &ctx),
            }
        })
    }

    /// R3, R4, R6-R11: a venue event.
    pub fn venue_event(&mut self, e: &VenueEvent) -> ExecutionStepResult {
        let slot_id = venue_event::event_slot_id(e);
        let (cause, ts) = venue_event::event_cause(e);
        let ctx = self.ctx(slot_id, &cause, ts);
        let fees = event_context::FeeParams {
            taker_rate: self.config.exchange.taker_rate,
            maker_rate: self.config.exchange.maker_rate,
            tolerance: self.config.reconcile_tolerance,
            seen_max: self.config.seen_event_ids_max,
        };
        self.slot_step(slot_id, DiagnosticCode::InvalidEvent, |kernel| venue_event::venue_event(kernel.slot_at(slot_id), e, &ctx, &kernel.account, fees))
    }

    /// R14: an account event.
    pub fn account_event(&mut self, e: &AccountEvent) -> ExecutionStepResult {
        self.step += 1;
        if let Some(bad) = account::check_account_event(&self.account, e) {
            return self.result(refused_outcome(bad), Vec::new(), Vec::new(), true, None);
        }
        let next = account::apply_account_event(&self.account, e, self.config.reconcile_tolerance);
        if let Some(overflow) = amount_out_of_range(None, Some(&next)) {
            return self.result(refused_outcome(refusal(DiagnosticCode::InvalidEvent, overflow)), Vec::new(), Vec::new(), true, None);
        }
        self.account = next;
        self.result(accepted_outcome(DiagnosticCode::Ok, OutcomeDetails::default(), Vec::new()), Vec::new(), Vec::new(), true, None)
    }

    /// R13: a mark price.
    pub fn mark_price(&mut self, m: &MarkPriceRequest) -> ExecutionStepResult {
        self.step += 1;
        if let Some(bad) = mark_price::check_mark_price(m.price) {
            return self.result(refused_outcome(bad), Vec::new(), Vec::new(), false, None);
        }
        let marked = mark_price::mark_slots(&self.slots, &m.asset, m.price);
        if let Some(overflow) = marked.iter().find_map(|s| amount_out_of_range(Some(s), None)) {
            return self.result(refused_outcome(refusal(DiagnosticCode::InvalidRequest, overflow)), Vec::new(), Vec::new(), false, None);
        }
        for s in &marked {
            self.slots[s.slot_id as usize] = s.clone();
        }
        self.result(accepted_outcome(DiagnosticCode::Ok, OutcomeDetails::default(), Vec::new()), Vec::new(), marked, false, None)
    }

    /// R12: a reconcile.
    pub fn reconcile(&mut self, r: &ReconcileRequest) -> ExecutionStepResult {
        self.step += 1;
        if let Some(bad) = reconcile::check_reconcile(r, self.config.slot_count) {
            return self.result(refused_outcome(bad), Vec::new(), Vec::new(), false, None);
        }
        let mut transitions = Vec::new();
        let mut touched = Vec::with_capacity(r.slots.len());
        for truth in &r.slots {
            // Slot ids are distinct (checked), so each slot is read before any is committed.
            let next = reconcile::reconcile_slot(&self.slots[truth.slot_id as usize], truth, r, self.config.control.mode, &mut transitions);
            if let Some(overflow) = amount_out_of_range(Some(&next), None) {
                return self.result(refused_outcome(refusal(DiagnosticCode::InvalidRequest, overflow)), Vec::new(), Vec::new(), false, None);
            }
            touched.push(next);
        }
        for s in &touched {
            self.slots[s.slot_id as usize] = s.clone();
        }
        touched.sort_by_key(|s| s.slot_id);
        self.result(accepted_outcome(DiagnosticCode::Reconciled, OutcomeDetails::default(), transitions), Vec::new(), touched, false, None)
    }

    /// R15: a fee calibration.
    pub fn calibrate_fee(&mut self, c: &CalibrateFeeRequest) -> ExecutionStepResult {
        self.step += 1;
        if let Some(bad) = fee_calibration::check_calibration(c, &self.config.exchange) {
            return self.result(refused_outcome(bad), Vec::new(), Vec::new(), true, None);
        }
        let (result, next) = fee_calibration::calibrate(c, &self.config.exchange, &self.account);
        self.account = next;
        self.result(accepted_outcome(DiagnosticCode::Ok, OutcomeDetails::default(), Vec::new()), Vec::new(), Vec::new(), true, Some(result))
    }

    /// A copy of the whole state.
    pub fn snapshot(&self) -> CoreSnapshot {
        CoreSnapshot {
            account: self.account.clone(),
            config: self.config.clone(),
            slots: self.slots.clone(),
            snapshot_version: SNAPSHOT_VERSION.to_owned(),
            step: self.step,
        }
    }

    /// Checks what a snapshot must satisfy beyond its schema: one slot per configured slot, in order.
    pub fn check_snapshot_shape(s: &CoreSnapshot) -> Result<(), SnapshotShapeError> {
        check_snapshot_shape(s)
    }

    /// A kernel holding exactly the state of a snapshot.
    pub fn restore(s: CoreSnapshot) -> Result<Self, SnapshotShapeError> {
        Self::check_snapshot_shape(&s)?;
        Ok(Kernel { config: s.config, step: s.step, slots: s.slots, account: s.account })
    }

    /// Back to the initial state of the configuration, step 0.
    pub fn reset(&mut self) {
        self.step = 0;
        self.slots = initial_slots(&self.config);
        self.account = account::initial_account(&self.config);
    }

    fn ctx(&self, slot_id: u64, cause: &str, ts: u64) -> StepContext {
        StepContext { slot_id, cause_id: cause.to_owned(), ts, mode: self.config.control.mode }
    }

    fn slot_at(&self, slot_id: u64) -> &TradeSlot {
        &self.slots[slot_id as usize]
    }

    /// A step about one slot: count it, check the slot id, run it, commit it when accepted
    /// (unless it would take an amount out of the ledger range: refused with `overflow_code`).
    fn slot_step(&mut self, slot_id: u64, overflow_code: DiagnosticCode, run: impl FnOnce(&Self) -> Result<SlotEffect, Refusal>) -> ExecutionStepResult {
        self.step += 1;
        if let Some(bad) = validate_intent::check_slot_id(slot_id, self.config.slot_count) {
            return self.result(refused_outcome(bad), Vec::new(), Vec::new(), false, None);
        }
        match run(self) {
            Err(refused) => {
                let slot = self.slot_at(slot_id).clone();
                self.result(refused_outcome(refused), Vec::new(), vec![slot], false, None)
            }
            Ok(effect) => {
                if let Some(overflow) = amount_out_of_range(Some(&effect.slot), effect.account.as_ref()) {
                    let slot = self.slot_at(slot_id).clone();
                    return self.result(refused_outcome(refusal(overflow_code, overflow)), Vec::new(), vec![slot], false, None);
                }
                self.slots[slot_id as usize] = effect.slot.clone();
                if let Some(account) = effect.account {
                    self.account = account;
                }
                let outcome = accepted_outcome(effect.code, effect.details, effect.transitions);
                self.result(outcome, effect.actions, vec![effect.slot], false, None)
            }
        }
    }

    fn result(
        &self,
        outcome: TransitionResult,
        actions: Vec<OrderAction>,
        slots: Vec<TradeSlot>,
        with_account: bool,
        fee: Option<FeeCalibration>,
    ) -> ExecutionStepResult {
        let account = (with_account || self.config.control.verbosity == Verbosity::Debug).then(|| self.account.clone());
        ExecutionStepResult { account, actions, fee_calibration: fee, outcome, slots, step: self.step }
    }
}
