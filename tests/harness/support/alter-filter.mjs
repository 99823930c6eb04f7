// Runs a command and passes its stdout through, altering one number in one
// line: on output line LINE (1-based), the first `"step":N` becomes N+1.
// Usage: node alter-filter.mjs LINE command [args...]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const [target, command, ...rest] = process.argv.slice(2);
const child = spawn(command, rest, { stdio: ['inherit', 'pipe', 'inherit'] });
let count = 0;
createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (text) => {
  count += 1;
  const out = count === Number(target) ? text.replace(/"step":(\d+)/, (_, n) => `"step":${Number(n) + 1}`) : text;
  process.stdout.write(`${out}\n`);
});
child.on('close', (code) => {
  process.exitCode = code ?? 1;
});
