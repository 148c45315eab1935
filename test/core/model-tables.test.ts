// The tables the context model looks things up in millions of times: glossed syllables against a
// character's readings (src/core/_pinyin.ts) and pairs of characters inside words
// (src/core/_lexicon.ts).
import { describe, expect, it } from 'vitest';
import { isReadingOf } from '../../dist/core/_pinyin.js';
import { getLexicon } from '../../dist/core/_lexicon.js';

describe('whether a glossed syllable reads a character', () => {
  it('matches a reading with its tone mark, a tone digit or no tone at all', () => {
    expect(isReadingOf('會', 'huì')).toBe(true);
    expect(isReadingOf('會', 'hui4')).toBe(true);
    expect(isReadingOf('會', 'hui')).toBe(true);
  });

  it('rejects another tone unless any tone is allowed', () => {
    expect(isReadingOf('會', 'huí')).toBe(false);
    expect(isReadingOf('會', 'huí', true)).toBe(true);
  });

  it('reads a Traditional character by the readings of its Simplified form too', () => {
    // 綠 lists only lǜ; its Simplified 绿 also reads lù.
    expect(isReadingOf('綠', 'lù')).toBe(true);
    expect(isReadingOf('綠', 'lǜ')).toBe(true);
  });

  it('answers the same whichever order questions come in', () => {
    expect(isReadingOf('數', 'shù')).toBe(true);
    expect(isReadingOf('書', 'shù')).toBe(false);
    expect(isReadingOf('書', 'shū')).toBe(true);
    expect(isReadingOf('數', 'shū')).toBe(false);
  });

  it('rejects what is not pinyin', () => {
    expect(isReadingOf('會', 'xyz1')).toBe(false);
    expect(isReadingOf('會', '')).toBe(false);
  });
});

describe('pairs of characters inside words', () => {
  const lexicon = getLexicon();
  const code = (char: string): number => char.charCodeAt(0);

  it('gives the log frequency of the commonest word a pair stands in, and none for a pair in no word', () => {
    const pair = lexicon.pairOfCodes(code('中'), code('国'));
    expect(pair).toBeGreaterThan(lexicon.pairOfCodes(code('数'), code('字')) ?? Infinity);
    expect(lexicon.pair('中', '国')).toBe(pair);
    // Pairs inside longer words count (共和国), and order matters.
    expect(lexicon.pairOfCodes(code('和'), code('国'))).toBe(lexicon.word('共和国'));
    expect(lexicon.pairOfCodes(code('国'), code('中'))).toBeUndefined();
    expect(lexicon.pairOfCodes(code('的'), code('屄'))).toBeUndefined();
  });

  it('knows the best pair a character begins and the best it ends', () => {
    const after = lexicon.bestPairAfter(code('中')) as number;
    expect(after).toBeGreaterThanOrEqual(lexicon.pairOfCodes(code('中'), code('国')) as number);
    expect(lexicon.bestPairBefore(code('国'))).toBeGreaterThanOrEqual(lexicon.pairOfCodes(code('中'), code('国')) as number);
    expect(lexicon.bestPairAfter(code('A'))).toBeUndefined();
  });
});
