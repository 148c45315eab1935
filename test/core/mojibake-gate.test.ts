// The cheap gate in front of the mojibake search (suspicion in src/core/fixes/mojibake.ts): clean
// text it rules out is never searched, so for UTF-8 read as a single-byte codec it must be a
// strict necessary condition, and for GBK or Big5 read so a judgement that keeps real damage.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSpans, HYPOTHESES, suspects, suspicion } from '../../dist/core/fixes/mojibake.js';
import { decodeWith, isSingleByte } from '../../dist/core/codecs.js';

const THROUGH_SINGLE_BYTE = HYPOTHESES.filter((h) => h.right === 'utf-8' && isSingleByte(h.wrong));
const suspected = (text: string) => suspicion(text, 0, text.length);

describe('the gate before the mojibake search', () => {
  it('suspects UTF-8 read through the very single-byte codec wherever its search would find a span', () => {
    // Words in several alphabets, read through each codec, with spaces, marks and ? where bytes
    // were lost or replaced: what the search finds in them, the gate must have let through.
    const words = fc.constantFrom('café', 'naïve', 'Zürich', 'груша', 'Ελλάδα', 'Škoda', '“quoted”', '中文', '—', '€5', '⠀', '頠', 'à la', 'x');
    const lossy = fc.constantFrom('', ' ', '?', '\uFFFD');
    const damaged = fc.tuple(fc.array(fc.tuple(words, lossy), { minLength: 1, maxLength: 4 }), fc.constantFrom(...THROUGH_SINGLE_BYTE));
    fc.assert(
      fc.property(damaged, ([pieces, h]) => {
        const read = decodeWith(Buffer.from(pieces.map(([word]) => word).join(' ')), h.wrong);
        // Each piece's loss goes after a random character of the reading.
        let text = read;
        pieces.forEach(([, loss], i) => {
          const at = (i * 7) % (text.length + 1);
          text = text.slice(0, at) + loss + text.slice(at + (loss === '' ? 0 : 1));
        });
        if (findSpans(text, h).length > 0) expect(suspects(suspected(text), h)).toBe(true);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('does not suspect UTF-8 damage in accented words beside ASCII letters and spaces', () => {
    expect(suspected('Le élève a été là, à la fin.').utf8).toBe(false);
    expect(suspected('Größe über älter').utf8).toBe(false);
  });

  it('suspects UTF-8 damage in a lead byte before a continuation byte, a space for A0, or a lost byte', () => {
    expect(suspected('rÃ©sumÃ©').utf8).toBe(true);
    expect(suspected('voilÃ  la').utf8).toBe(true);
    expect(suspected('Sloven\u00c4\uFFFDina').utf8).toBe(true);
  });

  it('suspects GBK or Big5 read as Latin-1 in two high bytes, or a sign before an ASCII trail byte', () => {
    expect(suspected('ÄãºÃ').doubleByte).toBe(true);
    // 一 is Big5 A4 40, read as Latin-1 ¤@.
    expect(suspected('Click ¤@ now').doubleByte).toBe(true);
  });

  it('suspects clean Ukrainian only of UTF-8 read through cp1251, whose continuation bytes і ї є are', () => {
    const found = suspected('Вікно відкриється, якщо натиснути її.');
    expect(THROUGH_SINGLE_BYTE.filter((h) => suspects(found, h)).map((h) => h.wrong)).toEqual(['windows-1251']);
  });

  it('does not suspect GBK or Big5 in accented letters before ASCII ones', () => {
    expect(suspected('Le élève a été là.').doubleByte).toBe(false);
  });
});
