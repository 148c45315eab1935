#!/usr/bin/env node
// Linear time on repetitive input: every unit the repairs treat specially, alone and in pairs,
// repeated to two lengths four times apart. Linear work takes about 4 times as long at the second
// length, quadratic work 16 times: a ratio above 8 (confirmed by a second measurement) is listed as
// a failure. Catches what a fixed input in bench/adversarial.mjs does not name (a run of ? took
// 15 minutes for a megabyte in session 10 and no bench row but one showed it).
//   node bench/linearity.mjs [repetitions]   (default 3000; the second length is 4 times that)
// Run it alone: with other work on the cores, units of a few milliseconds look quadratic.
import { repair } from '../dist/index.js';

const repetitions = Number(process.argv[2] ?? 3000);
const units = [
  ...Array.from('的會市(huì),.!?:;()“”「」。，、ÃÂâ€œ©é¥¤ ¡\u0081\u009d\u00a0かアｽ\uFFFD😀&#\n\t浣犲ソ鐢锟斤拷ÄãºÃ羬╓穝ä한Жπ'),
  '會(huì)', '&amp;', '&#x4e2d;', '锟斤拷', 'ÄãºÃ', '浣犲ソ', '?中', 'jǐn)', '\u200b', 'Ã©',
];
const LINEAR_RATIO = 4;
const FAILING_RATIO = 8;
// Below this the clock's noise decides the ratio.
const MEASURABLE_MS = 5;

function millis(text) {
  const start = performance.now();
  repair(text);
  return performance.now() - start;
}
/** The time at the second length against the first; `runs` > 1 takes the fastest of each. */
function ratio(unit, runs = 1) {
  const small = unit.repeat(repetitions);
  const large = unit.repeat(repetitions * LINEAR_RATIO);
  const fastest = (text) => Math.min(...Array.from({ length: runs }, () => millis(text)));
  const smallMs = fastest(small);
  const largeMs = fastest(large);
  if (largeMs < MEASURABLE_MS) return { ratio: 0, largeMs };
  return { ratio: largeMs / Math.max(smallMs, 0.1), largeMs, bytes: Buffer.byteLength(large) };
}

repair('warm up 會(huì)議 浣犲ソ ?中');
const started = performance.now();
const failures = [];
const speeds = [];
let tried = 0;
for (const first of units) {
  for (const second of ['', ...units]) {
    const unit = first + second;
    tried += 1;
    let measured = ratio(unit);
    // The first measurement of a unit may pay for compiling a path: confirm with the fastest of two.
    if (measured.ratio > FAILING_RATIO) measured = ratio(unit, 2);
    if (measured.ratio > FAILING_RATIO) failures.push({ unit, ratio: measured.ratio.toFixed(1), ms: measured.largeMs.toFixed(0) });
    if (measured.bytes) speeds.push({ unit, mbPerSecond: measured.bytes / 1e6 / (measured.largeMs / 1000) });
  }
}
console.log(`${tried} units, each repeated ${repetitions} and ${repetitions * LINEAR_RATIO} times (${((performance.now() - started) / 1000).toFixed(0)} s)`);
const SLOWEST_SHOWN = 10;
const slowest = speeds.sort((a, b) => a.mbPerSecond - b.mbPerSecond).slice(0, SLOWEST_SHOWN);
console.log(`slowest: ${slowest.map(({ unit, mbPerSecond }) => `${JSON.stringify(unit)} ${mbPerSecond.toFixed(2)} MB/s`).join(', ')}`);
for (const failure of failures) console.log(`not linear: ${JSON.stringify(failure.unit)} ${failure.ratio}x the time for 4x the length (${failure.ms} ms)`);
console.log(failures.length === 0 ? 'every unit linear' : `${failures.length} units not linear`);
process.exitCode = failures.length === 0 ? 0 : 1;
