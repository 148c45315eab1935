// Byte-level GBK damage of the kind the seed article shows, generated over the committed corpus
// samples (scripts/damage.mjs): the repair must remove most of the character errors, and
// bench/lossy-accuracy.mjs measures it in full.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repair } from '../dist/index.js';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { editDistance, gbkBytePunctuationDamage } from '../scripts/damage.mjs';


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
      before += editDistance(damaged, line);
      after += editDistance(repair(damaged).text, line);
    }
    expect(cases).toBeGreaterThan(5);
    expect(after).toBeLessThan(before * 0.4);
  });
});
