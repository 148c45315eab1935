// A pool worker: does one job at a time for the main thread: a whole input (read, repair, write),
// or one piece of a large input.
import { parentPort, workerData } from 'node:worker_threads';
import { Readable, Writable } from 'node:stream';
import { handleInputReply, type BatchContext, type InputReply } from './_input.js';
import { makePaint } from './_color.js';
import { loadTables } from '../core/fixes/mojibake.js';
import { repairPiece } from '../io/stream.js';
import type { PoolJob, PoolTask } from './_pool.js';

/** A stream that keeps what is written to it, for the main thread to print. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

// The batch's context, the same for every input it sends.
const context = (workerData as { context?: BatchContext }).context;
// Tables load while the main thread finds the inputs, not when the first one arrives.
if (context) setImmediate(loadTables);

async function perform(job: PoolJob): Promise<unknown> {
  switch (job.kind) {
    case 'inputs': {
      if (!context) throw new Error('a batch job needs the batch context');
      const { env, stdoutIsTTY } = context;
      const chalk = makePaint(context.color);
      const replies: InputReply[] = [];
      for (const input of job.inputs) {
        const stdout = collector();
        const stderr = collector();
        const params = { argv: [], stdin: Readable.from([]), stdout: stdout.stream, stderr: stderr.stream, env, stderrIsTTY: false, stdoutIsTTY };
        const collected = () => ({ stdout: stdout.text(), stderr: stderr.text() });
        replies.push(await handleInputReply(input, context, params, chalk, collected));
      }
      return replies;
    }
    case 'piece':
      return repairPiece(job.bytes, job.encoding, job.options, job.field);
  }
}

const port = parentPort;
if (!port) throw new Error('_worker.js runs as a worker thread');
// Jobs come one at a time: the pool sends the next only when this one has replied.
port.on('message', async ({ id, job }: PoolTask) => {
  try {
    port.postMessage({ id, result: await perform(job) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
