// A worker_threads pool: each worker does one job at a time (repair one input's bytes, or one
// piece of a streamed input), so a batch or a large file uses every core while the main thread
// reads and writes. Small batches do not start one: a worker costs its own start-up and tables.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { InputRef } from '../io/_read.js';
import type { BatchContext, InputReply } from './_input.js';
import type { RepairOptions } from '../core/options.js';
import type { CodecName } from '../core/codecs.js';
import type { RepairedPiece } from '../io/stream.js';

/** What a worker is asked to do. */
export type PoolJob =
  /** Inputs handled whole (read, repaired, written) with the pool's batch context. */
  | { readonly kind: 'inputs'; readonly inputs: readonly InputRef[] }
  | {
      readonly kind: 'piece';
      readonly bytes: Uint8Array;
      readonly encoding: CodecName;
      readonly field?: string | undefined;
      readonly options: Readonly<RepairOptions>;
    };

export interface PoolTask {
  readonly id: number;
  readonly job: PoolJob;
}

interface JobResults {
  inputs: InputReply[];
  piece: RepairedPiece;
}

interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** Below this many inputs, repairing in the main thread is faster than starting workers. */
export const MIN_POOL_INPUTS = 16;

/** Small inputs go to a worker several at a time: a message costs about as much as a small file. */
export const INPUTS_PER_JOB = 16;

export interface PoolSetup {
  /** Heap limits of each worker: a worker that would exceed them fails its job instead. */
  readonly limits?: ResourceLimits;
  /** What a batch's inputs are handled with, sent once to each worker. */
  readonly context?: BatchContext;
}

/** Pools alive now, so that an interrupt can stop their workers before cleaning up after them. */
const livePools = new Set<RepairPool>();

/** Stop every worker at once (on SIGINT). */
export async function stopAllPools(): Promise<void> {
  await Promise.all([...livePools].map((pool) => pool.close()));
}

export class RepairPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { task: PoolTask; done: (reply: Reply) => void }[] = [];
  /** The task each busy worker is doing, to fail it if the worker dies. */
  private readonly busy = new Map<Worker, { task: PoolTask; done: (reply: Reply) => void }>();
  private nextId = 0;

  constructor(size: number, { limits, context }: PoolSetup = {}) {
    livePools.add(this);
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(new URL('./_worker.js', import.meta.url), { workerData: { context }, ...(limits ? { resourceLimits: limits } : {}) });
      worker.on('message', (reply: Reply) => {
        this.busy.get(worker)?.done(reply);
        this.busy.delete(worker);
        this.dispatch(worker);
      });
      worker.on('error', (error) => {
        const current = this.busy.get(worker);
        this.busy.delete(worker);
        current?.done({ id: current.task.id, error: error.message });
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run<K extends PoolJob['kind']>(job: PoolJob & { kind: K }): Promise<JobResults[K]> {
    return new Promise((resolve, reject) => {
      const task = { id: this.nextId++, job };
      this.queue.push({
        task,
        done: (reply) => (reply.error === undefined ? resolve(reply.result as JobResults[K]) : reject(new Error(reply.error))),
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
    this.busy.set(worker, next);
    worker.postMessage(next.task);
  }

  async close(): Promise<void> {
    livePools.delete(this);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
