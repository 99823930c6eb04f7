import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LineSessionFactory } from './line-session.js';

/** An implementation the harness can run: in process, or any command speaking the protocol. */
export type Implementation =
  | { readonly name: string; readonly kind: 'in-process'; readonly createSession: LineSessionFactory }
  | {
      readonly name: string;
      readonly kind: 'process';
      readonly command: string;
      /**
       * The same server serving many sessions from one process: this command plus a socket
       * path (`lockstep kernel --listen`). Absent: every session starts its own process.
       */
      readonly listen?: string;
      /** The folder the command runs in (builtins: the package's own); default: the run's folder. */
      readonly cwd?: string;
      /** Makes the implementation available (builds it); returns a problem sentence when it cannot. */
      readonly prepare?: (repoRoot: string) => string | undefined;
    };

export const REFERENCE_NAME = 'ts-in-process';
export const TS_SERVER_NAME = 'ts-server';
export const RUST_NAME = 'rust';
export const BUILTIN_NAMES = [REFERENCE_NAME, TS_SERVER_NAME, RUST_NAME] as const;

export const RUST_BINARY = 'rust-kernel/target/release/lockstep-kernel';
/** The CLI's kernel command bundled to JavaScript (`ts-server-build.ts`, which builds it). */
export const TS_SERVER_COMMAND = 'node node_modules/.cache/lockstep-ts-server/main.js kernel';
/** The TS server serving many sessions, one per connection to the socket path appended. */
export const TS_SERVER_LISTEN_COMMAND = `${TS_SERVER_COMMAND} --listen`;
/** The same server run from its sources (slower to start; needs no bundle). */
export const TS_SERVER_SOURCE_COMMAND = 'node --import tsx src/cli/main.ts kernel';

/**
 * Builds the Rust kernel when its binary is missing, through the project's own
 * build script; a kernel that cannot be built is a failed run, never a skip.
 */
export function ensureRustKernel(repoRoot: string): string | undefined {
  const binary = join(repoRoot, RUST_BINARY);
  if (existsSync(binary)) return undefined;
  // Never run cargo in a folder that is not a lockstep checkout (an installed package, a user's project).
  if (!existsSync(join(repoRoot, 'rust-kernel/Cargo.toml'))) {
    return `the builtin rust implementation needs a lockstep checkout (no ${RUST_BINARY} and no rust-kernel/Cargo.toml under ${repoRoot}); name a kernel binary with --impl <command>`;
  }
  const cli = join(repoRoot, 'src/cli/main.ts');
  try {
    if (existsSync(cli)) {
      execFileSync(process.execPath, ['--import', 'tsx', cli, 'rust-build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    } else {
      execFileSync('cargo', ['build', '--release', '--manifest-path', 'rust-kernel/Cargo.toml'], {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    }
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().slice(-800);
    return `the Rust kernel could not be built (${RUST_BINARY}): ${(error as Error).message.split('\n')[0]}${stderr ? `\n${stderr}` : ''}`;
  }
  return existsSync(binary) ? undefined : `the Rust kernel build finished but ${RUST_BINARY} does not exist`;
}

/** A command given with `--impl`: builtin names select a builtin, anything else runs as a shell command. */
export function processImplementation(command: string): Implementation {
  return { name: command, kind: 'process', command };
}
