// Data-driven cases in fixtures/cases/: each damaged text must come out as `fixed`, the plan must
// replay to the same output, and repairing the output again must change nothing. Clean texts must
// come back byte for byte, with no step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPlan, repair, type RepairOptions } from '../../dist/index.js';

interface Case {
  label: string;
  original: string;
  fixed?: string;
  options?: Partial<RepairOptions>;
}

function load(name: string): Case[] {
  return JSON.parse(readFileSync(new URL(`../../fixtures/cases/${name}`, import.meta.url), 'utf8')) as Case[];
}

describe('restoration cases', () => {
  it.each(load('restoration.json'))('$label', ({ original, fixed, options }) => {
    const result = repair(original, options);
    expect(result.text).toBe(fixed);
    expect(applyPlan(original, result.steps)).toBe(fixed);
    expect(repair(result.text, options).text).toBe(fixed);
  });
});

describe('clean text is untouched', () => {
  it.each(load('clean.json'))('$label', ({ original }) => {
    const result = repair(original);
    expect(result.text).toBe(original);
    expect(result.steps).toEqual([]);
  });
});
