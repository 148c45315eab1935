#!/usr/bin/env node
// Writes fixtures/ftfy/fixnews-misses.json: the ftfy cases marked "pass" that fixnews gets wrong,
// and prints pass counts per file (ftfy's known failures are counted, not listed).
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
writeFileSync(new URL('../fixtures/ftfy/fixnews-misses.json', import.meta.url), `${JSON.stringify(misses, null, 2)}\n`);
console.log(`${misses.length} misses listed`);
