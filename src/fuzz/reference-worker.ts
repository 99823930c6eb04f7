/**
 * A worker thread of the reference pool (`reference-pool.ts`): runs the chunks it is sent
 * (`runReferenceTask`) and answers each with plain data. It says `ready` once loaded, so
 * that no chunk waits on a worker still starting while the main thread could run it.
 */
import { parentPort } from 'node:worker_threads';
import { runReferenceTask, type ReferenceTask } from './reference-chunk.js';

parentPort!.on('message', (task: ReferenceTask) => parentPort!.postMessage(runReferenceTask(task)));
parentPort!.postMessage('ready');
