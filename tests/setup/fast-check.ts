// Property runs are synchronous, so vitest's test timeout cannot stop one; a failing property
// with long commands can then shrink for many minutes. Bound every property (shrinking
// included) and report the interruption as a failure: a property that ran out of time has
// not passed.
import fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true });
