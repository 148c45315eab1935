// A pool worker: does one job at a time for the main thread, which does the reading and writing.
import { parentPort } from 'node:worker_threads';
import { repairBytes } from '../io/decode.js';
import { repairPiece } from '../io/stream.js';
import type { PoolJob, PoolOptions, PoolTask } from './_pool.js';

function perform(job: PoolJob, options: PoolOptions): unknown {
  switch (job.kind) {
    case 'bytes':
      return repairBytes(job.bytes, options);
    case 'piece':
      return repairPiece(job.bytes, job.encoding, options, job.field);
  }
}

const port = parentPort;
if (!port) throw new Error('_worker.js runs as a worker thread');
port.on('message', ({ id, job, options }: PoolTask) => {
  try {
    port.postMessage({ id, result: perform(job, options) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
