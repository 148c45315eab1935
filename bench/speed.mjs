#!/usr/bin/env node
// Repair throughput (MB/s of UTF-8 input) on clean and damaged Chinese text, beside a plain read
// and write of the same bytes, in one run. Not a test: run on demand and write the numbers down.
//   node bench/speed.mjs [.corpus/zh-cn.report.txt] [target MB]
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repair } from '../dist/index.js';
import { DAMAGES } from '../scripts/damage.mjs';

const file = process.argv[2] ?? '.corpus/zh-cn.report.txt';
const targetBytes = Number(process.argv[3] ?? 2) * 1e6;
const paragraphs = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let clean = '';
for (let i = 0; Buffer.byteLength(clean) < targetBytes; i += 1) clean += `${paragraphs[i % paragraphs.length]}\n`;
const damaged = clean
  .split('\n')
  .map((line, i) => (i % 10 === 0 ? DAMAGES['gbk as latin-1'](line) ?? line : line))
  .join('\n');

// After a warm-up run (lazy tables, the JIT), the fastest of three: the machine's CPUs are shared.
function time(label, bytes, run) {
  run();
  let seconds = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    run();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  console.log(`| ${label} | ${(bytes / 1e6).toFixed(1)} | ${seconds.toFixed(2)} | ${(bytes / 1e6 / seconds).toFixed(1)} |`);
  return bytes / 1e6 / seconds;
}

const path = join(tmpdir(), `fixnews-bench-${process.pid}.txt`);
writeFileSync(path, clean);
console.log(`input: ${file}, repeated to ${(Buffer.byteLength(clean) / 1e6).toFixed(1)} MB; Node ${process.version}`);
console.log('| run | MB | seconds | MB/s |');
console.log('| --- | ---: | ---: | ---: |');
const plain = time('plain read + write', Buffer.byteLength(clean), () => writeFileSync(`${path}.out`, readFileSync(path, 'utf8')));
const cleanRate = time('repair, clean text', Buffer.byteLength(clean), () => repair(clean));
time('repair, 1 line in 10 GBK read as Latin-1', Buffer.byteLength(damaged), () => repair(damaged));
time('repair + --to simplified, clean text', Buffer.byteLength(clean), () => repair(clean, { to: 'simplified' }));
console.log(`clean repair runs at ${((cleanRate / plain) * 100).toFixed(1)}% of a plain read and write`);
rmSync(path);
rmSync(`${path}.out`);
