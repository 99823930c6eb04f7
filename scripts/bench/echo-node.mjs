// The JSON-pipe limit for Node: a do-nothing server that reads request lines from stdin and
// writes one line back per line, batched per chunk exactly as `lockstep kernel` writes. No
// validation, no kernel, no canonical form.
//   node echo-node.mjs                 parses each request line and re-serialises it
//   node echo-node.mjs RESPONSES_FILE  parses each request line, then parses and
//                                      re-serialises line i of RESPONSES_FILE: the same bytes
//                                      in and out as the real server (whose answers carry
//                                      whole slots, several times the size of a request)
import { readFileSync } from 'node:fs';

const LF = 0x0a;
const responses = process.argv[2] === undefined ? undefined : readFileSync(process.argv[2], 'utf8').split('\n');
let pending = Buffer.alloc(0);
let lineNo = 0;

function reply(line) {
  try {
    const request = JSON.parse(line);
    const response = responses?.[lineNo];
    lineNo += 1;
    return JSON.stringify(response === undefined ? request : JSON.parse(response));
  } catch {
    return '{"op":"error"}';
  }
}

function answer(chunk) {
  const buf = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  const last = buf.lastIndexOf(LF);
  if (last === -1) {
    pending = buf;
    return;
  }
  const text = buf.toString('utf8', 0, last);
  pending = buf.subarray(last + 1);
  const out = [];
  for (const line of text.split('\n')) out.push(reply(line), '\n');
  if (!process.stdout.write(out.join(''))) {
    process.stdin.pause();
    process.stdout.once('drain', () => process.stdin.resume());
  }
}

process.stdin.on('data', answer);
process.stdin.on('end', () => {
  if (pending.length > 0) answer(Buffer.from('\n'));
});
