// A stand-in implementation of the wire protocol for harness tests: it answers
// hello and configure, and every other request with a NOT_CONFIGURED-shaped
// error response carrying the session's line number and the request's seq, in
// canonical key order. Misbehaviour on demand, by argument:
//   --crash-after-lines N   exit 3 (with a message on stderr) on reading line N
//   --hang-after-lines N    read line N and everything after it, answer nothing more
//   --bad-exit              exit 5 at end of input
//   --skip-line N           answer nothing to line N (and go on)
//   --loose-errors          write error answers with a space after each comma (not canonical)
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : Number(args[at + 1]);
};
const crashAfter = option('--crash-after-lines');
const hangAfter = option('--hang-after-lines');
const badExit = args.includes('--bad-exit');
const skipLine = option('--skip-line');
const looseErrors = args.includes('--loose-errors');

let line = 0;
let hanging = false;
const out = [];
const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', (text) => {
  line += 1;
  if (crashAfter !== undefined && line >= crashAfter) {
    process.stderr.write(`fake-kernel: deliberate crash on line ${line}\n`);
    process.exit(3);
  }
  if (hangAfter !== undefined && line >= hangAfter) hanging = true;
  let request;
  try {
    request = JSON.parse(text);
  } catch {
    request = undefined;
  }
  if (hanging || line === skipLine) return;
  const seq = request && Number.isInteger(request.seq) ? request.seq : undefined;
  let response;
  if (request?.op === 'hello') {
    response = `{"capabilities":["bye","configure"],"implementation":{"language":"js","name":"fake","version":"0"},"op":"hello","protocol_version":"1.0","seq":${seq}}`;
  } else if (request?.op === 'configure') {
    response = `{"op":"configure","seq":${seq}}`;
  } else {
    const echo = seq === undefined ? '' : `,"seq":${seq}`;
    response = `{"error":{"category":"protocol","code":"NOT_CONFIGURED","line":${line},"message":"fake ${line}","path":""},"op":"error"${echo}}`;
    if (looseErrors) response = response.replace(/,/g, ', ');
  }
  process.stdout.write(`${response}\n`);
});
input.on('close', () => {
  if (hanging) setInterval(() => undefined, 1000);
  else process.exitCode = badExit ? 5 : 0;
});
