/**
 * Runs the parity corpus through the TypeScript kernel of the tree this file sits in (a
 * scratch copy holding one mutant) and prints the verdict as one JSON line. Run as
 * `node --import tsx <copy>/src/mutants/corpus-probe.ts <fixtures root>`; a separate process,
 * so each mutant is loaded fresh and a hang is bounded by the caller's timeout.
 */
import { REFERENCE_NAME } from '../harness/implementation.js';
import { runInProcessImplementation } from '../harness/in-process-driver.js';
import { createReferenceSession } from '../harness/reference-session.js';
import { firstCaught, plannedCorpus } from './corpus-judge.js';

const root = process.argv[2];
if (root === undefined) {
  process.stderr.write('usage: corpus-probe.ts <fixtures root>\n');
  process.exit(2);
}
const verdict = firstCaught(plannedCorpus(root), (p) => runInProcessImplementation(REFERENCE_NAME, createReferenceSession, [p]));
process.stdout.write(`${JSON.stringify(verdict)}\n`);
