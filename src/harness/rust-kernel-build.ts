// Builds the Rust kernel (`cargo build --release`) when its binary is missing or older than any
// of its sources: rust-kernel/src, rust-kernel/Cargo.*, generated/rust. Used by
// `lockstep rust-build`, `lockstep parity`, the vitest global setup and the benchmarks, so a fresh
// machine needs nothing but the toolchain.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The checkout this module lives in. */
export const REPO_ROOT = PACKAGE_ROOT;
export const RUST_KERNEL_BIN = join(REPO_ROOT, 'rust-kernel/target/release/lockstep-kernel');
export const RUST_ECHO_BIN = join(REPO_ROOT, 'rust-kernel/target/release/lockstep-echo');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the binary must be rebuilt, or undefined when it is fresh. */
export function staleReason(): string | undefined {
  for (const bin of [RUST_KERNEL_BIN, RUST_ECHO_BIN]) if (!existsSync(bin)) return `${bin} is missing`;
  const built = Math.min(statSync(RUST_KERNEL_BIN).mtimeMs, statSync(RUST_ECHO_BIN).mtimeMs);
  const sources = ['rust-kernel/src', 'rust-kernel/Cargo.toml', 'rust-kernel/Cargo.lock', 'generated/rust'];
  for (const source of sources) {
    if (newestMtime(join(REPO_ROOT, source)) > built) return `${source} is newer than the binary`;
  }
  return undefined;
}

/** Builds when stale; throws (naming the command and its exit) when the build fails. */
export function ensureRustKernel(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  const reason = staleReason();
  if (reason === undefined) return RUST_KERNEL_BIN;
  log(`rust-kernel: building release binary (${reason})`);
  const args = ['build', '--release', '--manifest-path', join(REPO_ROOT, 'rust-kernel/Cargo.toml')];
  const run = spawnSync('cargo', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.error !== undefined) throw new Error(`cargo ${args.join(' ')} could not start: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`cargo ${args.join(' ')} failed with exit ${String(run.status)}`);
  if (!existsSync(RUST_KERNEL_BIN)) throw new Error(`cargo build succeeded but ${RUST_KERNEL_BIN} does not exist`);
  return RUST_KERNEL_BIN;
}
