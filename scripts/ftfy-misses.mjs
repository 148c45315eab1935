#!/usr/bin/env node
// Prints pass counts per file of ftfy's cases and the cases marked "pass" that fixnews gets wrong
// (ftfy's known failures are counted, not listed). With --write, records those as the expected
// misses the conformance test allows (fixtures/ftfy/fixnews-misses.json): only on purpose, since
// a miss written there no longer fails the test.
//   node scripts/ftfy-misses.mjs [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { FTFY_FILES, ftfyExpected, ftfyRepair } from '../test/support/ftfy.mjs';

const misses = [];
for (const file of FTFY_FILES) {
  const cases = JSON.parse(readFileSync(new URL(`../fixtures/ftfy/${file}`, import.meta.url), 'utf8'));
  let right = 0;
  for (const item of cases) {
    if (ftfyRepair(item.original) === ftfyExpected(item)) right += 1;
    else if (item.expect === 'pass') misses.push(item.original);
  }
  console.log(`${file}: ${right} of ${cases.length} right`);
}
const recorded = new URL('../fixtures/ftfy/fixnews-misses.json', import.meta.url);
const known = new Set(JSON.parse(readFileSync(recorded, 'utf8')));
for (const miss of misses) console.log(`${known.has(miss) ? 'miss (recorded)' : 'NEW MISS'}: ${JSON.stringify(miss)}`);
if (process.argv.includes('--write')) {
  writeFileSync(recorded, `${JSON.stringify(misses, null, 2)}\n`);
  console.log(`${misses.length} misses recorded`);
} else console.log(`${misses.length} misses (${misses.filter((miss) => !known.has(miss)).length} new); --write records them`);
