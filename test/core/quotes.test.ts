// Open quotations as the repairs that judge lost bytes count them (src/core/_quotes.ts).
import { describe, expect, it } from 'vitest';
import { closesOne, openCount, quotesAfter } from '../../dist/core/_quotes.js';

const after = (text: string, quotes = 0): number => [...text].reduce((open, char) => quotesAfter(char, open), quotes);

describe('open quotations', () => {
  it('are closed only by the mark of their own kind', () => {
    const open = after('他说：「我们');
    expect(closesOne('」', open)).toBe(true);
    expect(closesOne('”', open)).toBe(false);
    expect(closesOne('』', open)).toBe(false);
  });

  it('are counted for each kind apart, nested or not', () => {
    expect(openCount(after('「他说『'))).toBe(2);
    expect(openCount(after('「他说『好』'))).toBe(1);
    expect(openCount(after('“一”「二」'))).toBe(0);
  });

  it('ignore a closing mark with nothing open', () => {
    expect(after('”」』')).toBe(0);
    expect(openCount(after('”“'))).toBe(1);
  });
});
