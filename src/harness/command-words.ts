/**
 * A command line the harness may start without a shell: plain words (letters, digits and
 * `_ . / : = @ % + , -`) separated by spaces, the first naming a program rather than a shell
 * builtin. `sh -c` would run such a line exactly as an argument list does (nothing to
 * expand, quote or redirect), and skipping the shell saves a process start per session,
 * which is most of the cost of the many small sessions of a parity run. Anything else
 * (quotes, `$`, globs, `~`, redirections, `;`, builtins such as `exit`) goes through the shell.
 */
const PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** Words sh treats specially in command position: they are not programs. */
const SHELL_WORDS = new Set([
  '.', ':', '!', '[', 'alias', 'break', 'case', 'cd', 'command', 'continue', 'do', 'done', 'elif', 'else', 'esac', 'eval',
  'exec', 'exit', 'export', 'fi', 'for', 'if', 'read', 'readonly', 'return', 'set', 'shift', 'source', 'then', 'times',
  'trap', 'ulimit', 'umask', 'unset', 'until', 'wait', 'while',
]);

/** The argument list of a plain command line, or undefined when it needs the shell. */
export function commandWords(command: string): string[] | undefined {
  const words = command.split(' ').filter((word) => word !== '');
  if (words.length === 0 || !words.every((word) => PLAIN_WORD.test(word))) return undefined;
  if (SHELL_WORDS.has(words[0]!) || words[0]!.includes('=')) return undefined;
  return words;
}
