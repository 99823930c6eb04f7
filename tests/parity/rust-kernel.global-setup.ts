// vitest global setup: build the Rust kernel when missing or stale, before any test runs, so a
// parity test never skips for want of a binary (a failed build fails the run).
import { ensureRustKernel } from '../../src/harness/rust-kernel-build.js';

export default function setup(): void {
  ensureRustKernel();
}
