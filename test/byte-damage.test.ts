// Byte-level GBK damage of the kind the seed article shows, generated over the committed corpus
// samples (scripts/damage.mjs): the repair must remove most of the character errors, and
// bench/lossy-accuracy.mjs measures it in full. Edit distance is counted in code points.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repair } from '../dist/index.js';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { gbkBytePunctuationDamage } from '../scripts/damage.mjs';

function distance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= y.length; j += 1) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length] as number;
}

describe('byte-level GBK damage', () => {
  it('removes most character errors in the corpus samples', () => {
    const lines = ['zh-cn.sample.txt', 'zh-tw.sample.txt'].flatMap((name) =>
      readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8').split('\n'),
    );
    let before = 0;
    let after = 0;
    let cases = 0;
    for (const line of lines) {
      const damaged = (gbkBytePunctuationDamage as (text: string) => string | null)(line);
      if (!damaged || line.length > 300) continue;
      cases += 1;
      before += distance(damaged, line);
      after += distance(repair(damaged).text, line);
    }
    expect(cases).toBeGreaterThan(5);
    expect(after).toBeLessThan(before * 0.4);
  });
});
