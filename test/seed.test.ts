// The real damaged article: the output must equal the hand-checked expected text, except where
// fixnews marks a character as lost (U+FFFD), which is allowed only where bytes were truly lost.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPlan, repair } from '../dist/index.js';

const seed = (name: string): string => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const damaged = seed('000_46e0885f6e841ee3.txt');
const LOST = '\uFFFD';
// The digit of “3” is truly lost (a lead byte swallowed it). The 。 of 要高。“綠” reads almost as
// well as 高校 by the general model; the article's own 。“ elsewhere decides it.
const MAX_MARKS = 1;

function expectSameExceptMarks(actual: string, expected: string, maxMarks: number): void {
  expect(actual.length).toBe(expected.length);
  let marks = 0;
  for (let i = 0; i < actual.length; i += 1) {
    if (actual[i] === expected[i]) continue;
    expect(actual[i], `at ${i}: ${expected.slice(i - 10, i + 10)}`).toBe(LOST);
    marks += 1;
  }
  expect(marks).toBeLessThanOrEqual(maxMarks);
}

describe('the real damaged article', () => {
  it('comes out as clean Traditional text without --to', () => {
    expectSameExceptMarks(repair(damaged).text, seed('000_46e0885f6e841ee3.expected.txt'), MAX_MARKS);
  });

  it('comes out as clean Simplified text with --to simplified', () => {
    const result = repair(damaged, { to: 'simplified' });
    expectSameExceptMarks(result.text, seed('000_46e0885f6e841ee3.expected.simplified.txt'), MAX_MARKS);
    expect(result.text).toContain('着力构建');
    expect(applyPlan(damaged, result.steps)).toBe(result.text);
  });

  it('explains each kind of repair it made', () => {
    const fixers = repair(damaged, { to: 'simplified' }).steps.map((step) => step.fixer);
    expect(fixers).toEqual(['fixGbkMisalignment', 'removePinyinGloss', 'restoreFullwidthPunctuation', 'convertScript']);
  });

  it('lists every character that needed a guessed byte with its confidence, and the ones it marked', () => {
    const detail = repair(damaged).steps[0]?.detail ?? '';
    const guess = (char: string): string => `${char} at \\d+ \\((margin \\d+\\.\\d|no other reading)\\)`;
    expect(detail).toMatch(new RegExp(`guessed the lead byte of ${guess('。')}, ${guess('”')}, ${guess('。')}, .*${guess('數')}`));
    expect(detail).toMatch(/; 1 lost character marked U\+FFFD$/);
  });
});
