#!/usr/bin/env node
// Start-up: wall time of `node -e 0`, `fixnews --version` and fixnews on a one-line file (with and
// without --to), each the fastest of 20 runs. Not a test: run on demand, write the numbers down.
//   node bench/startup.mjs
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'bin', 'fixnews.js');
const small = join(tmpdir(), `fixnews-startup-${process.pid}.txt`);
writeFileSync(small, '市政協五屆二次會議舉行第二次全體會議。\n');
const RUNS = 20;
console.log(`Node ${process.version}; fastest of ${RUNS} runs`);
console.log('| command | ms |');
console.log('| --- | ---: |');
for (const [label, args] of [
  ['node -e 0', ['-e', '0']],
  ['fixnews --version', [cli, '--version']],
  ['fixnews small.txt', [cli, small]],
  ['fixnews small.txt --to simplified', [cli, small, '--to', 'simplified']],
]) {
  let best = Infinity;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    spawnSync(process.execPath, args);
    best = Math.min(best, performance.now() - started);
  }
  console.log(`| ${label} | ${best.toFixed(0)} |`);
}
rmSync(small);
