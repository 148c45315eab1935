#!/usr/bin/env node
// Peak memory (RSS, from GNU time) and time of the command line on large files, to show that
// memory stays bounded as the input grows. Not a test: run on demand, write the numbers down.
//   node bench/memory.mjs [.corpus/zh-tw.report.txt] [sizes in MB, comma-separated]
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = process.argv[2] ?? '.corpus/zh-tw.report.txt';
const sizes = (process.argv[3] ?? '20,200,1000').split(',').map(Number);
const cli = join(import.meta.dirname, '..', 'bin', 'fixnews.js');
const source = readFileSync(file);
const input = join(tmpdir(), `fixnews-memory-${process.pid}.txt`);
const output = `${input}.out`;

console.log(`input: ${file} repeated; Node ${process.version}`);
console.log('| MB | options | seconds | peak RSS MB |');
console.log('| ---: | --- | ---: | ---: |');
for (const size of sizes) {
  const fd = openSync(input, 'w');
  for (let written = 0; written < size * 1e6; written += source.length) writeSync(fd, source);
  closeSync(fd);
  for (const options of [['--jobs', '1'], ['--jobs', '2'], ['--jobs', '1', '--to', 'simplified']]) {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, input, '-o', output, '--force', ...options], { encoding: 'utf8' });
    const [seconds, kilobytes] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    console.log(`| ${size} | ${options.join(' ')} | ${seconds.toFixed(1)} | ${(kilobytes / 1024).toFixed(0)} |`);
  }
}
rmSync(input);
rmSync(output, { force: true });
