//! Unit tests of the kernel rules, each naming the rule (R1..R16) of docs/kernel-semantics.md.

use lockstep_kernel::canonical::{number_text, typed_to_string};
use lockstep_kernel::generated::tables::{is_legal_order_cell, is_legal_slot_cell, mode_rule, ORDER_TERMINAL};
use lockstep_kernel::generated::types::*;
use lockstep_kernel::kernel::apply_fill::fill_arithmetic;
use lockstep_kernel::kernel::Kernel;

fn config(mode: Mode) -> KernelConfig {
    KernelConfig {
        control: ControlState { mode, verbosity: Verbosity::Normal },
        exchange: ExchangeConfig { fee_calibration_alpha: 0.5, maker_rate: 0.0002, taker_rate: 0.0005 },
        reconcile_tolerance: 0.01,
        seed_capital: 1000.0,
        seen_event_ids_max: 2,
        slot_count: 2,
    }
}

fn enter(slot_id: u64, trade: &str, size: f64, ratios: Vec<f64>) -> EngineIntent {
    EngineIntent::EnterIntent(EnterIntent {
        asset: "BTC".into(),
        exit_leg_ratios: ratios,
        intent_id: format!("{trade}-in"),
        leverage: 10.0,
        limit_price: None,
        order_type: OrderType::Market,
        reason: None,
        side: Side::Long,
        slot_id,
        target_size: size,
        trade_id: trade.into(),
        ts: 1,
    })
}

fn exit(trade: &str) -> EngineIntent {
    EngineIntent::ExitIntent(ExitIntent { intent_id: format!("{trade}-out"), limit_price: None, order_type: OrderType::Market, reason: None, slot_id: 0, trade_id: trade.into(), ts: 2 })
}

fn fill(id: &str, order: &str, price: f64, size: f64, last: bool) -> VenueEvent {
    if last {
        VenueEvent::Fill(Fill { event_id: id.into(), order_id: order.into(), price, size, slot_id: 0, trade_id: "T".into(), ts: 3 })
    } else {
        VenueEvent::PartialFill(PartialFill { event_id: id.into(), order_id: order.into(), price, size, slot_id: 0, trade_id: "T".into(), ts: 3 })
    }
}

fn snapshot_text(k: &Kernel) -> String {
    typed_to_string(&k.snapshot()).expect("finite snapshot")
}

#[test]
fn r1_invalid_numbers_are_refused_and_change_nothing_but_the_step() {
    let mut k = Kernel::new(config(Mode::Backtest));
    let before = snapshot_text(&k);
    let r = k.intent(&enter(0, "T", f64::NAN, vec![1.0]));
    assert_eq!(r.outcome.code, DiagnosticCode::InvalidIntent);
    assert_eq!(r.outcome.details.field.as_deref(), Some("target_size"));
    assert_eq!(r.outcome.details.value.as_deref(), Some("NaN"));
    let r = k.intent(&enter(0, "T", 1.0, vec![0.6, 0.6]));
    assert_eq!(r.outcome.details.field.as_deref(), Some("exit_leg_ratios"));
    assert_eq!(r.outcome.details.value.as_deref(), Some("1.2"));
    let r = k.intent(&enter(5, "T", 1.0, vec![1.0]));
    assert_eq!(r.outcome.code, DiagnosticCode::InvalidSlotId);
    assert!(r.slots.is_empty());
    assert_eq!(k.step(), 3);
    let mut after = k.snapshot();
    after.step = 0;
    assert_eq!(typed_to_string(&after).unwrap_or_default(), before);
}

#[test]
fn r4_fill_arithmetic_keeps_the_documented_order_of_operations() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 1.5, vec![1.0]));
    let r = k.venue_event(&fill("e1", "T#1", 100.1, 0.7, false));
    assert_eq!(r.outcome.transitions.len(), 3, "implicit ack (order, slot) then the fill");
    let r = k.venue_event(&fill("e2", "T#1", 100.3, 0.9, true));
    assert_eq!(r.outcome.code, DiagnosticCode::OverfillClamped);
    let slot = &r.slots[0];
    let expected = (100.1 * 0.7 + 100.3 * (1.5 - 0.7)) / (0.7 + (1.5 - 0.7));
    assert_eq!(slot.entry_price, expected);
    assert_eq!(slot.stage, TradeStage::PositionOpen);
    assert_eq!(slot.initial_size, 1.5);
    let order = VenueOrder {
        avg_fill_price: 0.0, filled_size: 0.0, intended_size: 1.0, limit_price: None, order_id: "x".into(), order_side: OrderSide::Buy,
        order_type: OrderType::Limit, position_before: None, role: OrderRole::Entry, status: OrderStatus::Acked, status_before_cancel: None, venue_order_id: None,
    };
    let f = fill_arithmetic(&order, false, 10.0, 0.4);
    assert!(!f.complete && !f.clamped && f.filled == 0.4 && f.avg == 10.0);
}

#[test]
fn r5_r6_exit_legs_realise_pnl_without_leverage_and_close() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 2.0, vec![0.5, 0.5]));
    k.venue_event(&fill("e1", "T#1", 100.0, 2.0, true));
    let r = k.intent(&exit("T"));
    assert_eq!(r.actions.len(), 1);
    let r = k.venue_event(&fill("e2", "T#2", 110.0, 1.0, true));
    assert_eq!(r.slots[0].realized_pnl, 10.0, "(110 - 100) * 1, leverage 10 ignored");
    assert_eq!(r.slots[0].active_leg_index, 1);
    k.intent(&exit("T"));
    let r = k.venue_event(&fill("e3", "T#3", 90.0, 1.0, true));
    assert_eq!(r.slots[0].stage, TradeStage::Closed);
    assert_eq!(r.slots[0].size, 0.0);
    let r = k.intent(&exit("T"));
    assert_eq!(r.outcome.code, DiagnosticCode::IllegalTransition, "a trade is closed once");
}

#[test]
fn r10_duplicates_and_unknown_orders_change_nothing() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 1.0, vec![1.0]));
    k.venue_event(&fill("e1", "T#1", 100.0, 0.5, false));
    let before = snapshot_text(&k);
    let r = k.venue_event(&fill("e1", "T#1", 100.0, 0.5, false));
    assert_eq!(r.outcome.code, DiagnosticCode::DuplicateEvent);
    let r = k.venue_event(&fill("e9", "T#7", 100.0, 0.5, false));
    assert_eq!(r.outcome.code, DiagnosticCode::UnknownOrder);
    let mut after = k.snapshot();
    after.step -= 2;
    assert_eq!(typed_to_string(&after).unwrap_or_default(), before);
}

fn rejected(id: &str, order: &str, trade: &str) -> VenueEvent {
    VenueEvent::OrderRejected(OrderRejected { event_id: id.into(), order_id: order.into(), reason: None, slot_id: 0, trade_id: trade.into(), ts: 3 })
}

#[test]
fn r10_a_trade_id_that_comes_back_names_new_orders_so_an_old_event_is_never_applied_again() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "A", 1.0, vec![1.0]));
    k.venue_event(&rejected("a1", "A#1", "A"));
    k.intent(&enter(0, "B", 1.0, vec![1.0]));
    k.venue_event(&rejected("b1", "B#2", "B"));
    let again = k.intent(&enter(0, "A", 1.0, vec![1.0]));
    assert!(matches!(again.actions.first(), Some(OrderAction::PlaceOrder(p)) if p.order_id == "A#3"));
    assert_eq!(k.venue_event(&rejected("a1", "A#1", "A")).outcome.code, DiagnosticCode::UnknownOrder);
}

#[test]
fn r1_an_order_past_the_last_exact_id_is_refused_not_wrapped() {
    let mut snapshot = Kernel::new(config(Mode::Backtest)).snapshot();
    snapshot.slots[0].orders_placed = 9_007_199_254_740_990;
    let Ok(mut k) = Kernel::restore(snapshot) else { panic!("a fresh kernel's snapshot restores") };
    let last = k.intent(&enter(0, "A", 1.0, vec![1.0]));
    assert!(matches!(last.actions.first(), Some(OrderAction::PlaceOrder(p)) if p.order_id == "A#9007199254740991"));
    k.venue_event(&rejected("a1", "A#9007199254740991", "A"));
    let r = k.intent(&enter(0, "B", 1.0, vec![1.0]));
    assert_eq!(r.outcome.code, DiagnosticCode::InvalidIntent);
    assert_eq!(r.outcome.details.reason.as_deref(), Some("ORDER_IDS_EXHAUSTED"));
    assert_eq!(r.outcome.details.value.as_deref(), Some("9007199254740991"));
}

#[test]
fn r11_a_fill_on_a_closed_trade_goes_stale_until_reconcile() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 1.0, vec![1.0]));
    k.venue_event(&fill("e1", "T#1", 100.0, 1.0, true));
    k.intent(&exit("T"));
    k.venue_event(&fill("e2", "T#2", 100.0, 1.0, true));
    let r = k.venue_event(&fill("e3", "T#2", 100.0, 1.0, true));
    assert_eq!(r.outcome.code, DiagnosticCode::StaleStateReconciling);
    assert!(r.outcome.accepted);
    assert_eq!(r.slots[0].seen_event_ids, vec!["e2".to_owned(), "e3".to_owned()], "bounded by seen_event_ids_max = 2");
    let r = k.intent(&enter(0, "U", 1.0, vec![1.0]));
    assert_eq!(r.outcome.code, DiagnosticCode::StaleStateReconciling);
    assert!(!r.outcome.accepted);
    let request = ReconcileRequest { reconcile_id: "R".into(), seq: 0, slots: vec![ReconcileSlot { asset: "BTC".into(), position: None, slot_id: 0, trade_id: "T".into() }], ts: 9 };
    let r = k.reconcile(&request);
    assert_eq!(r.outcome.code, DiagnosticCode::Reconciled);
    assert_eq!(r.slots[0].stage, TradeStage::Idle);
}

#[test]
fn r14_r16_live_mode_needs_a_reconciled_account_for_entry() {
    assert!(mode_rule(Mode::Live).require_reconciled_account_for_entry);
    assert!(!mode_rule(Mode::Paper).require_reconciled_account_for_entry);
    let mut k = Kernel::new(config(Mode::Live));
    let r = k.intent(&enter(0, "T", 1.0, vec![1.0]));
    assert_eq!(r.outcome.code, DiagnosticCode::ModeForbidden);
    assert_eq!(r.outcome.severity, Severity::Error);
    let update = AccountEvent::AccountUpdate(AccountUpdate { available_margin: 0.0, maint_margin: 0.0, seq: 1, ts: 1, used_margin: 0.0, wallet_balance: 1000.005 });
    let r = k.account_event(&update);
    let account = r.account.expect("account events carry the account");
    assert_eq!(account.reconcile_status, ReconcileStatus::Ok);
    assert_eq!(account.reconcile_explanation, "K and E agree within 0.01");
    let r = k.account_event(&update);
    assert_eq!(r.outcome.code, DiagnosticCode::DuplicateEvent);
    assert_eq!(r.outcome.details.expected.as_deref(), Some("2"));
    assert_eq!(k.intent(&enter(0, "T", 1.0, vec![1.0])).outcome.code, DiagnosticCode::Ok);
}

#[test]
fn r15_fee_calibration_classes_and_ema() {
    let mut k = Kernel::new(config(Mode::Backtest));
    let request = |fee: f64| CalibrateFeeRequest { actual_fee: fee, fill_price: 100.0, fill_size: 1.0, order_type: OrderType::Market, seq: 0 };
    let a = k.calibrate_fee(&request(0.05)).fee_calibration.expect("result");
    assert_eq!((a.status, a.samples, a.ratio_ema), (CalibrationStatus::Ok, 1, a.ratio));
    let b = k.calibrate_fee(&request(0.06)).fee_calibration.expect("result");
    assert_eq!(b.status, CalibrationStatus::Error);
    assert_eq!(b.ratio_ema, a.ratio + 0.5 * (b.ratio - a.ratio));
}

#[test]
fn matrices_are_the_generated_tables() {
    assert!(is_legal_slot_cell(TradeStage::Idle, Trigger::Enter, TradeStage::OrderRequested));
    assert!(!is_legal_slot_cell(TradeStage::Closed, Trigger::Exit, TradeStage::ExitRequested));
    for terminal in ORDER_TERMINAL {
        for trigger in Trigger::ALL {
            for to in OrderStatus::ALL {
                assert!(!is_legal_order_cell(*terminal, trigger, to), "terminal {terminal:?} has a way out");
            }
        }
    }
}

#[test]
fn numbers_print_as_ecmascript_does() {
    for (value, text) in [(1e21, "1e+21"), (1e-7, "1e-7"), (-0.0, "0"), (5e-324, "5e-324"), (0.1 + 0.2, "0.30000000000000004"), (123.0, "123"), (f64::INFINITY, "Infinity")] {
        assert_eq!(number_text(value), text);
    }
}

fn ack(id: &str, order: &str, venue_order_id: Option<&str>) -> VenueEvent {
    VenueEvent::OrderAck(OrderAck { event_id: id.into(), order_id: order.into(), slot_id: 0, trade_id: "T".into(), ts: 3, venue_order_id: venue_order_id.map(str::to_owned) })
}

fn update(seq: u64, wallet: f64) -> AccountEvent {
    AccountEvent::AccountUpdate(AccountUpdate { available_margin: 0.0, maint_margin: 0.0, seq, ts: 1, used_margin: 0.0, wallet_balance: wallet })
}

#[test]
fn r4_a_short_fill_ends_filled_and_says_so() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 2.0, vec![1.0]));
    k.venue_event(&fill("e1", "T#1", 100.0, 0.5, false));
    let r = k.venue_event(&fill("e2", "T#1", 100.0, 1.0, true));
    assert_eq!(r.outcome.code, DiagnosticCode::ShortFill);
    assert_eq!(r.outcome.severity, Severity::Warning);
    assert_eq!((r.outcome.details.intended_size, r.outcome.details.filled_size), (Some(2.0), Some(1.5)));
    assert_eq!(r.slots[0].stage, TradeStage::PositionOpen);
    assert_eq!(r.slots[0].entry_order.as_ref().map(|o| o.status), Some(OrderStatus::Filled));
}

#[test]
fn r10_live_ids_are_never_evicted_and_a_full_window_goes_stale() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 10.0, vec![1.0]));
    k.venue_event(&fill("e1", "T#1", 100.0, 1.0, false));
    k.venue_event(&fill("e2", "T#1", 100.0, 1.0, false));
    let r = k.venue_event(&fill("e3", "T#1", 100.0, 1.0, false));
    assert_eq!(r.outcome.code, DiagnosticCode::StaleStateReconciling);
    assert_eq!(r.outcome.details.reason.as_deref(), Some("IDEMPOTENCY_WINDOW_FULL"));
    assert_eq!(r.slots[0].size, 2.0, "the third fill is not applied");
    assert_eq!(r.slots[0].live_event_ids, Some(vec!["e1".to_owned(), "e2".to_owned()]));
    assert_eq!(k.venue_event(&fill("e1", "T#1", 100.0, 1.0, false)).outcome.code, DiagnosticCode::DuplicateEvent);
}

#[test]
fn r11_a_late_ack_is_benign_and_stores_a_missing_venue_id() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 2.0, vec![1.0]));
    k.venue_event(&fill("e1", "T#1", 100.0, 2.0, true));
    let r = k.venue_event(&ack("a1", "T#1", Some("V1")));
    assert_eq!(r.outcome.code, DiagnosticCode::LateAck);
    assert_eq!(r.outcome.severity, Severity::Info);
    assert!(r.outcome.accepted && r.outcome.transitions.is_empty());
    assert_eq!(r.slots[0].stage, TradeStage::PositionOpen);
    assert_eq!(r.slots[0].entry_order.as_ref().and_then(|o| o.venue_order_id.as_deref()), Some("V1"));
    assert_eq!(k.venue_event(&ack("a1", "T#1", None)).outcome.code, DiagnosticCode::DuplicateEvent);
}

#[test]
fn r12_reconcile_audits_the_bookkeeping() {
    let mut k = Kernel::new(config(Mode::Backtest));
    k.intent(&enter(0, "T", 1.0, vec![1.0]));
    k.venue_event(&fill("e1", "T#1", 100.0, 0.5, false));
    let request = ReconcileRequest { reconcile_id: "R".into(), seq: 0, slots: vec![ReconcileSlot { asset: "BTC".into(), position: None, slot_id: 0, trade_id: "U".into() }], ts: 9 };
    let r = k.reconcile(&request);
    let fields: Vec<String> = r.outcome.transitions.iter().filter_map(|t| match t {
        OrderTransition::ReconcileChange(c) => Some(format!("{}:{}->{}", c.field.as_str(), c.before, c.after)),
        _ => None,
    }).collect();
    assert_eq!(fields, ["trade_id:\"T\"->\"U\"", "live_event_ids:1->0", "size:0.5->0", "entry_price:100->0"]);
}

#[test]
fn r14_account_seq_gaps_are_remembered_and_filled_late() {
    let mut k = Kernel::new(config(Mode::Live));
    let r = k.account_event(&update(3, 1000.0));
    let account = r.account.expect("account");
    assert_eq!(account.seq_gaps.as_ref().map(Vec::len), Some(1));
    assert_eq!(account.reconcile_explanation, "K and E agree within 0.01; account events missing: seq 1-2");
    assert!(mode_rule(Mode::Live).require_gap_free_account_for_entry);
    let r = k.intent(&enter(0, "T", 1.0, vec![1.0]));
    assert_eq!((r.outcome.code, r.outcome.details.reason.as_deref()), (DiagnosticCode::ModeForbidden, Some("ACCOUNT_SEQ_GAPS")));
    k.account_event(&update(1, 5.0));
    let r = k.account_event(&update(2, 5.0));
    let account = r.account.expect("account");
    assert_eq!((account.seq_gaps, account.event_seq, account.e_wallet_balance), (None, 3, 1000.0), "late updates close gaps, never replace newer figures");
    assert_eq!(k.account_event(&update(2, 5.0)).outcome.code, DiagnosticCode::DuplicateEvent);
    assert_eq!(k.intent(&enter(0, "T", 1.0, vec![1.0])).outcome.code, DiagnosticCode::Ok);
}
