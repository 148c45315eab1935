// Filling the holes that a CJK decoder left in UTF-8 (src/core/fixes/_lost-bytes.ts): the codec
// says how many bytes each hole lost and which, the bytes around it say which character they
// broke, and the context picks one only when it clearly stands out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan, repair } from '../../dist/index.js';
import { fillHoles } from '../../dist/core/fixes/_lost-bytes.js';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { decodeLikePython } from '../../scripts/damage.mjs';
import { charCost, costBetween, pairCost, sideBound, textCost, UNMATCHED_CLOSER_COST, WORD_PAIR_BONUS, wordPairBonus } from '../../dist/core/_naturalness.js';

const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const MARGIN = 2;

function fill(bytes: number[], cuts: number[], codec: 'gbk' | 'big5' | 'shift_jis', after = '') {
  return fillHoles(Uint8Array.from(bytes), cuts, codec, MARGIN, 20, { after }).map((f) => ({ hole: f.hole, bytes: [...f.bytes], char: f.char }));
}

describe('filling holes of lost bytes', () => {
  it('recovers a byte GB18030 dropped before the end of the line from the sentence it ends', () => {
    const bytes = utf8('大小。');
    expect(fill(bytes.slice(0, -1), [bytes.length - 1], 'gbk')).toEqual([{ hole: 0, bytes: [0x82], char: '。' }]);
  });

  it('recovers bytes that a strict GBK decoder (Python\'s) lost alone before a non-ASCII byte', () => {
    // 他自称“客服” read by Python's gbk: 80 of “ (E2 80 9C) is no GBK character, and AE of 客
    // (E5 AE A2) makes with A2 a code GBK leaves unassigned; each is lost, the next byte read again.
    const bytes = utf8('他自称“客服”的');
    const lost = [bytes.indexOf(0x80), bytes.indexOf(0xae)];
    const damaged = bytes.filter((_, at) => !lost.includes(at));
    expect(fill(damaged, [lost[0] as number, (lost[1] as number) - 1], 'gbk')).toEqual([
      { hole: 0, bytes: [0x80], char: '“' },
      { hole: 1, bytes: [0xae], char: '客' },
    ]);
  });

  it('recovers lead bytes a strict Shift_JIS decoder (Python\'s) lost alone, only when told the damage is strict', () => {
    // 发布了十 read by Python's shift_jis: 83 E4 and 86 E5 are no pairs; it loses 83 and 86 alone
    // and reads E4 and E5 again. A browser loses such a pair together, and never A0 before them.
    const bytes = utf8('上午发布了十月份');
    const damaged = bytes.filter((_, at) => at !== 11 && at !== 14);
    const strictly = fillHoles(Uint8Array.from(damaged), [11, 13], 'shift_jis', MARGIN, 20, { strict: true });
    expect(strictly.map((f) => ({ bytes: [...f.bytes], char: f.char }))).toEqual([
      { bytes: [0x83], char: '布' },
      { bytes: [0x86], char: '了' },
    ]);
    expect(fill(damaged, [11, 13], 'shift_jis').map((f) => f.char)).not.toContain('布');
  });

  it('recovers a lead byte and a trail byte that Big5 dropped together from the word around them', () => {
    // 方 is E6 96 B9: Big5 rejects E6 96 as a pair, and B9 survives.
    const before = utf8('對話');
    expect(fill([...before, 0xb9, ...utf8('塊編輯器')], [before.length], 'big5')).toEqual([{ hole: 0, bytes: [0xe6, 0x96], char: '方' }]);
  });

  it('leaves marked a hole whose candidates are too many to tell apart', () => {
    // 塊 is E5 A1 8A: with A1 8A lost, thousands of characters start with E5.
    const before = utf8('對話方');
    expect(fill([...before, 0xe5, ...utf8('編輯器')], [before.length + 1], 'big5')).toEqual([]);
  });

  it('leaves marked a hole with nothing on either side to judge it by', () => {
    // 打开 (E6 89 93 E5 BC 80) at a line's start read by Big5: E6 89 and BC 80 are rejected
    // pairs; – (E2 80 93) ends in 93 as 打 does, and alone it is the commoner.
    expect(fill([0x93, 0xe5], [0, 2], 'big5')).toEqual([]);
  });

  it('leaves marked a hole whose best candidate is not clearly better than the next', () => {
    const bytes = utf8('一，二');
    // The comma (EF BC 8C) lost its last byte: many full-width forms are as likely between two digits.
    expect(fill(bytes.slice(0, 5), [5], 'gbk', '')).toEqual([]);
  });
});

describe('filling a hole that ends one character and starts the next', () => {
  // 标准 is E6 A0 87 E5 87 86: Shift_JIS reads E6 A0 as 譬, then rejects 87 E5 as a pair (it has
  // no such character), losing the last byte of 标 and the first of 准.
  const text = utf8('可以使用标准的方法设置。');
  const hole = text.indexOf(0x87);
  const damaged = [...text.slice(0, hole), ...text.slice(hole + 2)];

  it('recovers both characters from the words around them', () => {
    expect(fill(damaged, [hole], 'shift_jis')).toEqual([{ hole: 0, bytes: [0x87, 0xe5], char: '标准' }]);
  });

  it('proposes only pairs the decoder rejects', () => {
    // Through GB18030, which has a character for 87 E5, no pair there was lost: nothing fits.
    expect(fill(damaged, [hole], 'gbk')).toEqual([]);
  });
});

describe('filling two holes that broke characters between them', () => {
  // 鼠标直 is E9 BC A0 E6 A0 87 E7 9B B4: a browser's Shift_JIS reads E9 BC, rejects A0 (no lead
  // byte), reads E6 A0, and rejects 87 E7 as a pair. Neither hole alone completes a character.
  const text = utf8('拖动鼠标直至按钮');
  const first = text.indexOf(0xa0);
  const second = text.indexOf(0x87, first);
  const damaged = [...text.slice(0, first), ...text.slice(first + 1, second), ...text.slice(second + 2)];

  it('recovers both characters with the bytes each hole lost', () => {
    expect(fill(damaged, [first, second - 1], 'shift_jis')).toEqual([
      { hole: 0, bytes: [0xa0], char: '鼠' },
      { hole: 1, bytes: [0x87, 0xe7], char: '标直' },
    ]);
  });
});

describe('the bound that lets the search of a hole stop early', () => {
  // Han that form words with many characters, punctuation, box drawing, Latin, kana and ASCII
  // around; lost bytes always make characters beyond ASCII.
  const neighbours = fc.constantFrom(...'的一是中国人們會議話方塊大小不为着第。，、「」（）─│ÃéaZ ?\nかカ€â'.split(''));
  const chars = fc.constantFrom(...'的一是中国人們會議話方塊大小不为着第。，、「」（）─│Ãéかカ€â'.split(''));

  it('never exceeds what the context really takes off a character beyond ASCII', () => {
    fc.assert(
      fc.property(fc.array(neighbours, { maxLength: 2 }), chars, fc.array(neighbours, { maxLength: 2 }), (left, char, right) => {
        const leftBonus = left.length > 0 ? wordPairBonus(left[left.length - 1] as string, 'after') : undefined;
        const rightBonus = right.length > 0 ? wordPairBonus(right[0] as string, 'before') : undefined;
        const ownBound = sideBound(leftBonus, wordPairBonus(char, 'before') ?? 0) + sideBound(rightBonus, wordPairBonus(char, 'after') ?? 0);
        // The bound for this character, and the one for any character, which the search stops at.
        expect(costBetween(left, [char], right) - charCost(char)).toBeGreaterThanOrEqual(ownBound);
        expect(ownBound).toBeGreaterThanOrEqual(sideBound(leftBonus, WORD_PAIR_BONUS) + sideBound(rightBonus, WORD_PAIR_BONUS));
      }),
      { numRuns: 5000, seed: 20261127 },
    );
  });

  it('never exceeds what a pair alone takes off the character after it (the misalignment search skips guesses by it)', () => {
    fc.assert(
      fc.property(neighbours, chars, (before, char) => {
        expect(pairCost(before, char)).toBeGreaterThanOrEqual(sideBound(wordPairBonus(before, 'after'), wordPairBonus(char, 'before') ?? 0));
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });

  it('never exceeds what the context and the pair between them take off two characters a hole broke', () => {
    fc.assert(
      fc.property(fc.array(neighbours, { maxLength: 2 }), chars, chars, fc.array(neighbours, { maxLength: 2 }), (left, first, second, right) => {
        const leftBonus = left.length > 0 ? wordPairBonus(left[left.length - 1] as string, 'after') : undefined;
        const rightBonus = right.length > 0 ? wordPairBonus(right[0] as string, 'before') : undefined;
        const ownBound = sideBound(leftBonus, wordPairBonus(first, 'before') ?? 0) + sideBound(rightBonus, wordPairBonus(second, 'after') ?? 0) - WORD_PAIR_BONUS;
        expect(costBetween(left, [first, second], right) - charCost(first) - charCost(second)).toBeGreaterThanOrEqual(ownBound);
      }),
      { numRuns: 5000, seed: 20261128 },
    );
  });

  it('never costs two characters together less than each alone beside its side, less the slack for what joins them', () => {
    fc.assert(
      fc.property(fc.array(neighbours, { maxLength: 2 }), chars, chars, fc.array(neighbours, { maxLength: 2 }), (left, first, second, right) => {
        const together = costBetween(left, [first, second], right);
        const apart = costBetween(left, [first], []) + costBetween([], [second], right);
        expect(together).toBeGreaterThanOrEqual(apart - WORD_PAIR_BONUS - 3 * UNMATCHED_CLOSER_COST - 1e-9);
      }),
      { numRuns: 5000, seed: 20261129 },
    );
  });

  it('ranks candidates of one or two characters as the cost of the text they make would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }).chain((n) => fc.tuple(fc.array(neighbours, { minLength: 2, maxLength: 2 }), fc.array(chars, { minLength: n, maxLength: n }), fc.array(chars, { minLength: n, maxLength: n }), fc.array(neighbours, { minLength: 2, maxLength: 2 }))), ([left, one, other, right]) => {
        const between = costBetween(left, one, right) - costBetween(left, other, right);
        const whole = textCost([...left, ...one, ...right].join('')) - textCost([...left, ...other, ...right].join(''));
        expect(between).toBeCloseTo(whole, 9);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});

describe('damage a strict decoder (Python\'s, errors=\'replace\') made', () => {
  // Python's big5 has no Hong Kong codes, which UTF-8's continuation bytes make with a browser:
  // it loses such a byte alone, one mark each, where a browser loses a pair.
  const text = '記者今天在台北市政府採訪時表示，這項計畫將在明年完成。';
  const damaged = decodeLikePython(Buffer.from(text), 'big5');

  it('reads each mark as one lost byte: every character comes back or stays marked, in its place', () => {
    const result = repair(damaged);
    const fixed = [...result.text];
    const chars = [...text];
    expect(fixed).toHaveLength(chars.length);
    expect(fixed.every((char, at) => char === '\uFFFD' || char === chars[at])).toBe(true);
    expect(fixed.filter((char) => char !== '\uFFFD').length).toBeGreaterThanOrEqual(6);
    expect(result.steps[0]?.params['strict']).toBe(true);
    expect(result.steps[0]?.detail).toContain("one byte a strict big5 decoder (Python's) rejected");
  });

  it('replays its plan to the same text', () => {
    const result = repair(damaged);
    expect(applyPlan(damaged, result.steps)).toBe(result.text);
  });
});
