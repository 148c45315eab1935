// A worker_threads pool for batches: each worker repairs one input at a time, so a folder uses
// every core while the main thread reads and writes. Small batches do not start one: a worker
// costs its own start-up and tables.
import { Worker } from 'node:worker_threads';
import type { BytesRepairResult, DecodeOptions } from '../io/decode.js';
import type { RepairOptions } from '../core/options.js';

export type PoolOptions = Partial<RepairOptions> & DecodeOptions;

export interface PoolTask {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly options: PoolOptions;
}

interface Reply {
  readonly id: number;
  readonly result?: BytesRepairResult;
  readonly error?: string;
}

/** Below this many inputs, repairing in the main thread is faster than starting workers. */
export const MIN_POOL_INPUTS = 16;

export class RepairPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { task: PoolTask; done: (reply: Reply) => void }[] = [];
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(new URL('./_worker.js', import.meta.url));
      worker.on('message', (reply: Reply) => {
        this.waiting.get(reply.id)?.(reply);
        this.waiting.delete(reply.id);
        this.dispatch(worker);
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  repair(bytes: Uint8Array, options: PoolOptions): Promise<BytesRepairResult> {
    return new Promise((resolve, reject) => {
      const task = { id: this.nextId++, bytes, options };
      this.queue.push({
        task,
        done: (reply) => (reply.result ? resolve(reply.result) : reject(new Error(reply.error ?? 'worker failed'))),
      });
      const worker = this.idle.pop();
      if (worker) this.dispatch(worker);
    });
  }

  private dispatch(worker: Worker): void {
    const next = this.queue.shift();
    if (!next) {
      this.idle.push(worker);
      return;
    }
    this.waiting.set(next.task.id, next.done);
    worker.postMessage(next.task);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
