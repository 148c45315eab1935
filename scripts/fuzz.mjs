#!/usr/bin/env node
// The long fuzz run (on demand, not in CI): repair never throws, never returns a lone surrogate,
// and is idempotent, over N generated strings (default 1,000,000) built from characters that
// exercise every repair. Prints the seed, so a failure can be replayed with FC_SEED.
//   node scripts/fuzz.mjs [runs]
import fc from 'fast-check';
import { repair } from '../dist/index.js';

const runs = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const alphabet = Array.from(
  '的是會議市政协發展(huì)(jǐn),.!?:;()“”「」。，、ÃÂâ€œ©é¥¤ ¡\u0081\u009d\u00a0かアｽ�😀&amp;#x4e2d;\n\r\t浣犲ソ鐢甯傛銆锟斤拷ÄãºÃ羬╓穝',
);
const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 });
const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const started = performance.now();
fc.assert(
  fc.property(text, (input) => {
    const once = repair(input).text;
    if (lone.test(once)) throw new Error('lone surrogate');
    if (repair(once).text !== once) throw new Error('not idempotent');
  }),
  { numRuns: runs, seed },
);
console.log(`${runs} inputs, seed ${seed}: no failure (${((performance.now() - started) / 1000).toFixed(0)} s)`);
