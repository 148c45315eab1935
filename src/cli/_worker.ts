// A pool worker: repairs the bytes of one input at a time for the main thread, which does the
// reading and writing.
import { parentPort } from 'node:worker_threads';
import { repairBytes } from '../io/decode.js';
import type { PoolTask } from './_pool.js';

const port = parentPort;
if (!port) throw new Error('_worker.js runs as a worker thread');
port.on('message', ({ id, bytes, options }: PoolTask) => {
  try {
    port.postMessage({ id, result: repairBytes(bytes, options) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
