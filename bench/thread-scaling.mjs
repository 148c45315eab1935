#!/usr/bin/env node
// How repair alone scales over worker threads on this machine, with no file I/O: the ceiling for
// a batch. The inputs are those of bench/batch.mjs, dealt to the workers sixteen at a time.
//   node bench/thread-scaling.mjs [.corpus/zh-cn.report.txt] [inputs]
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

if (isMainThread) {
  const { DAMAGES } = await import('../scripts/damage.mjs');
  const paragraphs = readFileSync(process.argv[2] ?? '.corpus/zh-cn.report.txt', 'utf8').split('\n').filter(Boolean);
  const count = Number(process.argv[3] ?? 10_000);
  const texts = Array.from({ length: count }, (_, i) => {
    const text = `${paragraphs[i % paragraphs.length]}\n${paragraphs[(i * 7) % paragraphs.length]}\n`;
    return i % 10 === 0 ? (DAMAGES['gbk as latin-1'](text) ?? text) : text;
  });
  const run = (threads) =>
    new Promise((done) => {
      const started = performance.now();
      let finished = 0;
      for (let t = 0; t < threads; t += 1) {
        const share = texts.filter((_, i) => Math.floor(i / 16) % threads === t);
        new Worker(new URL(import.meta.url), { workerData: share }).on('message', () => {
          finished += 1;
          if (finished === threads) done((performance.now() - started) / 1000);
        });
      }
    });
  const best = async (threads) => Math.min(await run(threads), await run(threads), await run(threads));
  const one = await best(1);
  const two = await best(2);
  console.log(`${count} inputs repaired in memory: 1 worker ${one.toFixed(2)} s, 2 workers ${two.toFixed(2)} s (fastest of 3): ${(one / two).toFixed(2)}x`);
} else {
  const { repair } = await import('../dist/index.js');
  for (const text of workerData) repair(text);
  parentPort.postMessage('done');
}
