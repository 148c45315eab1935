#!/usr/bin/env node
// A folder of many small files (paragraphs of the corpus, one in ten damaged), repaired into
// another folder with one worker and with two; times and their ratio. Writes into a temporary
// folder (under FIXNEWS_BENCH_DIR, else /dev/shm when there is one, so that the disk's own
// write-back does not decide the times) and removes it.
//   node bench/batch.mjs [.corpus/zh-cn.report.txt] [files]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAMAGES } from '../scripts/damage.mjs';

const source = process.argv[2] ?? '.corpus/zh-cn.report.txt';
const count = Number(process.argv[3] ?? 10_000);
const paragraphs = readFileSync(source, 'utf8').split('\n').filter(Boolean);
const base = process.env.FIXNEWS_BENCH_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const root = mkdtempSync(join(base, 'fixnews-batch-'));
console.log(`in ${base}`);
const input = join(root, 'in');
for (let i = 0; i < count; i += 1) {
  const folder = join(input, String(Math.floor(i / 1000)));
  if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
  const text = `${paragraphs[i % paragraphs.length]}\n${paragraphs[(i * 7) % paragraphs.length]}\n`;
  writeFileSync(join(folder, `${i}.txt`), i % 10 === 0 ? (DAMAGES['gbk as latin-1'](text) ?? text) : text);
}
const bin = new URL('../bin/fixnews.js', import.meta.url).pathname;
// The machine's CPUs are shared (a virtual machine with stolen time): each run is repeated and the
// fastest kept, the usual way to measure on a noisy host.
const RUNS = 3;
const times = {};
for (const jobs of [1, 2]) {
  times[jobs] = Infinity;
  for (let run = 0; run < RUNS; run += 1) {
    const output = join(root, `out${jobs}-${run}`);
    const started = performance.now();
    execFileSync(process.execPath, [bin, input, '-o', output, '--jobs', String(jobs), '-q']);
    times[jobs] = Math.min(times[jobs], (performance.now() - started) / 1000);
    rmSync(output, { recursive: true, force: true });
  }
  console.log(`--jobs ${jobs}: ${count} files in ${times[jobs].toFixed(2)} s (fastest of ${RUNS})`);
}
console.log(`speed-up with two workers: ${(times[1] / times[2]).toFixed(2)}x`);
rmSync(root, { recursive: true, force: true });
