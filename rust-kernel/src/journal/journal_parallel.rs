//! A full verify spread over threads (twin of journal-parallel.ts): worker threads verify
//! segments from the last one down, each from the state its checkpoint claims, while this thread
//! verifies from the first one up with the true state and joins; a worker's segment is accepted
//! only when the chain so far ends in exactly the state it claimed. At the first segment that is
//! damaged or does not join, this thread verifies in order from there to the end, so the decision
//! is the sequential one.

use std::fs::File;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;

use crate::journal::chain_range::{verify_chain_range, RangeCheck};
use crate::journal::chained_line::ChainState;
use crate::journal::journal_segments::{adopt_state, same_state, segment_tasks, verify_segment, SegmentOutcome, SegmentTask};

/// Ranges with fewer bytes are verified on one thread. A Rust thread starts in microseconds (the
/// TS verifier's threshold is higher: its workers start and warm up slowly), but below this a
/// journal verifies in about 50 ms anyway and the segment search and join are not worth it.
pub const PARALLEL_VERIFY_FROM_BYTES: u64 = 16 * 1024 * 1024;
/// Threads at most, this one included.
pub const VERIFY_THREADS_MAX: usize = 8;
const SEGMENTS_PER_THREAD: u64 = 4;

/// How a full verify may use threads.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Threads, this one included (default: the machine's parallelism, at most VERIFY_THREADS_MAX).
    pub threads: Option<usize>,
    /// Range size from which threads are used (default PARALLEL_VERIFY_FROM_BYTES).
    pub parallel_from_bytes: Option<u64>,
    /// Leave every segment after the first to the workers (tests: so their outcomes are joined).
    pub workers_only: bool,
}

/// How many threads a full verify of `bytes` (after the header) uses.
pub fn verify_threads(bytes: u64, o: &VerifyOptions) -> usize {
    if bytes < o.parallel_from_bytes.unwrap_or(PARALLEL_VERIFY_FROM_BYTES) {
        return 1;
    }
    let machine = thread::available_parallelism().map_or(1, |n| n.get());
    o.threads.unwrap_or(machine).clamp(1, VERIFY_THREADS_MAX)
}

/// The segments' claims and the workers' outcomes, shared between the threads.
struct Shared {
    claimed: Vec<AtomicBool>,
    outcomes: Mutex<Vec<Option<SegmentOutcome>>>,
    ready: Condvar,
    stop: AtomicBool,
}

fn worker(file: &File, tasks: &[SegmentTask], interval: u64, shared: &Shared) {
    for i in (1..tasks.len()).rev() {
        if shared.stop.load(Ordering::Relaxed) || shared.claimed[i].swap(true, Ordering::AcqRel) {
            continue;
        }
        // A panic must not leave this thread waiting for the outcome: it is then redone in order.
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| verify_segment(file, tasks[i], interval))).unwrap_or_default();
        let mut outcomes = shared.outcomes.lock().unwrap_or_else(|e| e.into_inner());
        outcomes[i] = Some(outcome);
        shared.ready.notify_all();
    }
}

fn wait_outcome(shared: &Shared, i: usize) -> SegmentOutcome {
    let mut outcomes = shared.outcomes.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(o) = outcomes[i].take() {
            return o;
        }
        outcomes = shared.ready.wait(outcomes).unwrap_or_else(|e| e.into_inner());
    }
}

/// Walks the segments in order with the true state (see the module comment).
fn join(file: &File, tasks: &[SegmentTask], to: u64, state: &mut ChainState, shared: &Shared, workers_only: bool) -> io::Result<RangeCheck> {
    for (i, task) in tasks.iter().enumerate() {
        let own = i == 0 || (!workers_only && !shared.claimed[i].swap(true, Ordering::AcqRel));
        if own {
            let (damage, valid) = verify_chain_range(file, task.start, task.end, state)?;
            if damage.is_some() {
                return Ok((damage, valid));
            }
            continue;
        }
        let o = wait_outcome(shared, i);
        match (o.claimed, o.end) {
            (Some(claimed), Some(end)) if same_state(state, &claimed) => adopt_state(state, end),
            _ => return verify_chain_range(file, task.start, to, state),
        }
    }
    Ok((None, to))
}

/// verify_chain_range over [from, to) on `threads` threads, with the same result and final state.
pub fn verify_chain_parallel(file: &File, from: u64, to: u64, state: &mut ChainState, threads: usize, o: &VerifyOptions) -> io::Result<RangeCheck> {
    let tasks = segment_tasks(file, from, to, threads as u64 * SEGMENTS_PER_THREAD)?;
    if threads < 2 || tasks.len() < 2 {
        return verify_chain_range(file, from, to, state);
    }
    let shared = Shared {
        claimed: (0..tasks.len()).map(|i| AtomicBool::new(i == 0)).collect(),
        outcomes: Mutex::new((0..tasks.len()).map(|_| None).collect()),
        ready: Condvar::new(),
        stop: AtomicBool::new(false),
    };
    let interval = state.interval;
    thread::scope(|scope| {
        for _ in 1..threads.min(tasks.len()) {
            scope.spawn(|| worker(file, &tasks, interval, &shared));
        }
        let result = join(file, &tasks, to, state, &shared, o.workers_only);
        shared.stop.store(true, Ordering::Relaxed);
        result
    })
}
