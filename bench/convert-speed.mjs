#!/usr/bin/env node
// Script conversion throughput on Traditional text against the OpenCC command-line tool (Debian's
// `opencc`, if installed) and opencc-js, all on the same file in one run. Not a test.
//   node bench/convert-speed.mjs [.corpus/zh-tw.report.txt] [target MB]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repair } from '../dist/index.js';
import { scriptConverter } from '../dist/core/_opencc.js';

const require = createRequire(import.meta.url);
const file = process.argv[2] ?? '.corpus/zh-tw.report.txt';
const targetBytes = Number(process.argv[3] ?? 20) * 1e6;
const source = readFileSync(file, 'utf8');
let text = source;
while (Buffer.byteLength(text) < targetBytes) text += source;
const bytes = Buffer.byteLength(text);
const input = join(tmpdir(), `fixnews-convert-${process.pid}.txt`);
const output = `${input}.out`;
writeFileSync(input, text);

function row(label, seconds) {
  console.log(`| ${label} | ${seconds.toFixed(2)} | ${(bytes / 1e6 / seconds).toFixed(1)} |`);
  return bytes / 1e6 / seconds;
}
function time(run) {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

console.log(`input: ${file}, repeated to ${(bytes / 1e6).toFixed(1)} MB; Node ${process.version}`);
console.log('| run | seconds | MB/s |');
console.log('| --- | ---: | ---: |');
const rates = {};
for (const config of ['t2s.json', 'tw2s.json']) {
  try {
    rates[config] = row(`opencc ${config} (command line, whole process)`, time(() => execFileSync('opencc', ['-c', config, '-i', input, '-o', output])));
  } catch {
    console.log(`| opencc ${config}: not installed (apt-get install opencc) | | |`);
  }
}
const core = require('opencc-js/core');
const openccJs = core.ConverterBuilder(require('opencc-js/preset/t2cn'))({ from: 't', to: 'cn' });
row('opencc-js t2s, whole string', time(() => openccJs(text)));
const t2s = scriptConverter('t2s');
t2s('預熱');
row('fixnews converter t2s, whole string', time(() => t2s(text)));
// The whole job as the command line does it, in one process: read, repair, convert, write.
const cli = join(import.meta.dirname, '..', 'bin', 'fixnews.js');
const whole = row('fixnews file --to simplified -o out (command line, whole process)', time(() => execFileSync(process.execPath, [cli, input, '--to', 'simplified', '-o', output, '--force'])));
if (rates['t2s.json']) console.log(`fixnews repair + --to simplified: ${(whole / rates['t2s.json']).toFixed(1)}x the speed of opencc t2s`);
rmSync(input);
rmSync(output, { force: true });
