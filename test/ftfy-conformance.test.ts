// ftfy's own test cases (fixtures/ftfy, Apache-2.0) as a conformance suite; see its README.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPlan, repair } from '../dist/index.js';
import { FTFY_FILES, FTFY_OPTIONS, ftfyExpected, ftfyRepair } from './support/ftfy.mjs';

interface FtfyCase {
  label: string;
  original: string;
  fixed: string;
  'fixed-encoding'?: string;
  expect: 'pass' | 'fail';
}

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/ftfy/${name}`, import.meta.url), 'utf8')) as T;
const misses = new Set(read<string[]>('fixnews-misses.json'));

describe.each(FTFY_FILES.filter((file) => file !== 'known-failures.json'))('ftfy %s', (file) => {
  const cases = read<FtfyCase[]>(file).filter((item) => item.expect === 'pass');
  const known = cases.filter((item) => !misses.has(item.original));
  const missed = cases.filter((item) => misses.has(item.original));
  if (known.length > 0) {
    it.each(known)('$label', (item) => {
      expect(ftfyRepair(item.original)).toBe(ftfyExpected(item));
    });
  }
  it.each(cases)('replays its plan exactly: $label', (item) => {
    const result = repair(item.original, FTFY_OPTIONS);
    expect(applyPlan(item.original, result.steps)).toBe(result.text);
  });
  if (missed.length > 0) {
    it.fails.each(missed)('not yet: $label', (item) => {
      expect(ftfyRepair(item.original)).toBe(ftfyExpected(item));
    });
  }
});
