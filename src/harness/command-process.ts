import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { commandWords } from './command-words.js';

/**
 * Starts `command`, followed by `extraArgs`, in a process group of its own (detached), so that
 * killing the group also ends whatever it started: directly when the command is a plain
 * argument list (command-words.ts), else through the shell with each extra argument quoted.
 */
export function startCommand(command: string, extraArgs: readonly string[], options: SpawnOptions): ChildProcess {
  const words = commandWords(command);
  const detached: SpawnOptions = { ...options, detached: true };
  if (words) return spawn(words[0]!, [...words.slice(1), ...extraArgs], detached);
  const quoted = extraArgs.map((arg) => ` '${arg.replace(/'/g, `'\\''`)}'`).join('');
  return spawn(`${command}${quoted}`, { ...detached, shell: true });
}

/** Kills the whole process group of `child` (the shell and what it started). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
