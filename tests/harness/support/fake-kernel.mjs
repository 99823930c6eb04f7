// A stand-in implementation of the wire protocol for harness tests: it answers
// hello and configure, and every other request with a NOT_CONFIGURED-shaped
// error response carrying the session's line number and the request's seq, in
// canonical key order. Misbehaviour on demand, by argument:
//   --crash-after-lines N   exit 3 (with a message on stderr) on reading line N of a session
//   --hang-after-lines N    read line N and everything after it, answer nothing more
//   --bad-exit              exit 5 at end of input
//   --skip-line N           answer nothing to line N (and go on)
//   --loose-errors          write error answers with a space after each comma (not canonical)
//   --listen PATH           serve each connection to the Unix socket PATH as a session (as
//                           `lockstep kernel --listen` does) until stdin closes
import { createServer } from 'node:net';
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
const listenAt = args.indexOf('--listen');

function answer(text, line) {
  let request;
  try {
    request = JSON.parse(text);
  } catch {
    request = undefined;
  }
  const seq = request && Number.isInteger(request.seq) ? request.seq : undefined;
  if (request?.op === 'hello') {
    return `{"capabilities":["bye","configure"],"implementation":{"language":"js","name":"fake","version":"0"},"op":"hello","protocol_version":"1.0","seq":${seq}}`;
  }
  if (request?.op === 'configure') return `{"op":"configure","seq":${seq}}`;
  const echo = seq === undefined ? '' : `,"seq":${seq}`;
  const response = `{"error":{"category":"protocol","code":"NOT_CONFIGURED","line":${line},"message":"fake ${line}","path":""},"op":"error"${echo}}`;
  return looseErrors ? response.replace(/,/g, ', ') : response;
}

/** One session: lines from `input`, answers to `write`; `onEnd(hanging)` at end of input. */
function session(input, write, onEnd) {
  let line = 0;
  let hanging = false;
  const reader = createInterface({ input, crlfDelay: Infinity });
  reader.on('line', (text) => {
    line += 1;
    if (crashAfter !== undefined && line >= crashAfter) {
      process.stderr.write(`fake-kernel: deliberate crash on line ${line}\n`);
      process.exit(3);
    }
    if (hangAfter !== undefined && line >= hangAfter) hanging = true;
    if (hanging || line === skipLine) return;
    write(`${answer(text, line)}\n`);
  });
  reader.on('close', () => onEnd(hanging));
}

if (listenAt >= 0) {
  const path = args[listenAt + 1];
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => socket.destroy());
    session(socket, (text) => socket.write(text), (hanging) => (hanging ? undefined : socket.end()));
  });
  server.listen(path, () => process.stdout.write(`listening ${path}\n`));
  process.stdin.on('end', () => server.close(() => (process.exitCode = badExit ? 5 : 0)));
  process.stdin.resume();
} else {
  session(process.stdin, (text) => process.stdout.write(text), (hanging) => {
    if (hanging) setInterval(() => undefined, 1000);
    else process.exitCode = badExit ? 5 : 0;
  });
}
