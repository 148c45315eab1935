// Progress of a batch on stderr, when stderr is a terminal: files done of all, rate and time left
// (cli-progress, loaded only then), and a summary line at the end. Pipes and logs get neither.
import type { SingleBar as SingleBarType, Options } from 'cli-progress';
import type { Writable } from 'node:stream';
import { requireModule } from '../core/_lazy.js';

export interface Progress {
  /** One more input is done. */
  tick(): void;
  /** Remove the bar and print the summary. */
  stop(summary: string): void;
}

const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

/** A bar for `total` inputs on `stream`, or one that shows nothing when `shown` is false. */
export function startProgress(total: number, stream: Writable, shown: boolean): Progress {
  if (!shown) return SILENT;
  const { SingleBar } = requireModule('cli-progress') as { SingleBar: new (options: Options) => SingleBarType };
  const started = performance.now();
  const bar = new SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: 'fixnews [{bar}] {value}/{total} files | {rate} files/s | {eta_formatted} left',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 200,
  });
  const rate = (done: number): string => (done / Math.max((performance.now() - started) / 1000, 0.001)).toFixed(0);
  bar.start(total, 0, { rate: '0' });
  let done = 0;
  return {
    tick: () => {
      done += 1;
      bar.update(done, { rate: rate(done) });
    },
    stop: (summary) => {
      bar.stop();
      stream.write(`${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}
