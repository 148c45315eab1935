// Lossy damage generated over the committed corpus samples: byte-level GBK damage of the kind the
// seed article shows (scripts/damage.mjs), and UTF-8 read as GBK, Big5, Shift_JIS or EUC-KR with
// the bytes the decoder rejected lost. The repair must remove most of the character errors; bench/lossy-accuracy.mjs
// measures both in full.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWith, repair } from '../dist/index.js';
import { repairJsonLines } from '../dist/io/jsonl-field.js';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { craftedGlossMarksLine, editDistance, gbkBytePunctuationDamage, glossInsideCharacterDamage } from '../scripts/damage.mjs';


const lines = ['zh-cn.sample.txt', 'zh-tw.sample.txt'].flatMap((name) =>
  readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8').split('\n'),
);
const marks = (text: string): number => text.split('\uFFFD').length - 1;

/** Character errors (edit distance) of damaged and of repaired lines, over at most `limit` lines the damage applies to. */
function errorsOf(damage: (text: string) => string | null, limit = Infinity): { cases: number; before: number; after: number } {
  const totals = { cases: 0, before: 0, after: 0 };
  for (const line of lines) {
    if (totals.cases >= limit) break;
    const damaged = damage(line);
    if (!damaged || line.length > 300) continue;
    totals.cases += 1;
    totals.before += editDistance(damaged, line);
    totals.after += editDistance(repair(damaged).text, line);
  }
  return totals;
}

describe('byte-level GBK damage', () => {
  it('removes most character errors in the corpus samples', () => {
    const { cases, before, after } = errorsOf(gbkBytePunctuationDamage as (text: string) => string | null);
    expect(cases).toBeGreaterThan(5);
    expect(after).toBeLessThan(before * 0.4);
  });
});

describe('a lead byte before a flattened ？', () => {
  // 模块 is C4A3 BFE9: A3BF (？) was flattened to ?, and the decoder wrote ? for C4. Both ? come
  // back only if the search keeps 模 (dearer than 。, A1A3) until 块 makes a word with it, and
  // weighs a full-width ？ in a reading as it weighs the ? it would widen.
  it('brings back both characters once the next one makes a word with the first', () => {
    const damaged = gbkBytePunctuationDamage('变量在所有模块中均有效。') as string;
    expect(damaged.startsWith('变量在所有??')).toBe(true);
    expect(repair(damaged).text).toBe('变量在所有模块中均有效。');
  });

  // After a space the word pair 模块 alone did not outweigh how cheap 。 is; a sentence mark
  // after a space is rare.
  it('brings back 模, not 。, after a space', () => {
    const damaged = gbkBytePunctuationDamage('请在 Basic 模块中使用此函数。') as string;
    expect(damaged.startsWith('请在 Basic ??')).toBe(true);
    expect(repair(damaged).text).toBe('请在 Basic 模块中使用此函数。');
  });
});

describe('UTF-8 read as GBK with lost bytes', () => {
  const damaged = lines.filter((line) => line.length > 0 && line.length < 300).map((line) => [line, decodeWith(Buffer.from(line), 'gbk')] as const).filter(([, text]) => text.includes('\uFFFD'));

  it('recovers most lost characters from context, and guesses wrong rarely', () => {
    let lost = 0;
    let left = 0;
    let wrong = 0;
    for (const [line, text] of damaged) {
      lost += marks(repair(text, { guess: false }).text);
      const fixed = repair(text).text;
      left += marks(fixed);
      wrong += editDistance(fixed, line) - marks(fixed);
    }
    expect(damaged.length).toBeGreaterThan(10);
    expect(left).toBeLessThan(lost * 0.5);
    expect(wrong).toBeLessThan((lost - left) * 0.1);
  });
});

describe('UTF-8 read as Big5, Shift_JIS or EUC-KR with lost bytes', () => {
  // These decoders drop a lead byte with the trail they reject: two bytes per mark, most of them
  // beyond recovery, so the repair must mostly mark, and recover the characters whose bytes survived.
  // (Decoded as browsers decode, by fixnews's own decoders.)
  it.each(['big5', 'shift_jis', 'euc-kr'])('%s: removes most character errors', (codec) => {
    const { cases, before, after } = errorsOf((line) => {
      const text = decodeWith(Buffer.from(line), codec);
      return text.includes('\uFFFD') ? text : null;
    }, 60);
    expect(cases).toBeGreaterThan(10);
    expect(after).toBeLessThan(before * 0.5);
  });

  // A browser's Big5 pairs continuation bytes as Hong Kong lead bytes across characters: what it
  // lost is harder to count there (bench/RESULTS.md, session 19), and fewer lines keep their length.
  it.each([
    ['big5', 0.3],
    ['shift_jis', 0.75],
  ])('%s: leaves one mark per lost character, so lines keep their length (at least a share %s)', (codec, share) => {
    const damaged = lines.filter((line) => line.length < 300).map((line) => [line, decodeWith(Buffer.from(line), codec)] as const).filter(([, text]) => text.includes('\uFFFD'));
    const kept = damaged.filter(([line, text]) => Array.from(repair(text).text).length === Array.from(line).length).length;
    expect(damaged.length).toBeGreaterThan(100);
    expect(kept).toBeGreaterThan(damaged.length * (share as number));
  });
});

describe('a gloss put one byte late, inside the next character', () => {
  // (shí) is the reading of 时, the character it was meant for; inserted after the lead byte of 会,
  // it says nothing of that byte, which the context must give (会发生).
  it('is taken out as the gloss of the character before it', () => {
    const damaged = '当控(kòng)件获得(dé)焦点时?shí)岱⑸?shēng)此事件(jiàn)。';
    expect(repair(damaged).text).toBe('当控件获得焦点时会发生此事件。');
  });
});

describe('a gloss inserted inside a character', () => {
  it('removes the glosses and most of the out-of-step damage in the corpus samples', () => {
    const { cases, before, after } = errorsOf(glossInsideCharacterDamage as (text: string) => string | null, 60);
    expect(cases).toBeGreaterThan(10);
    expect(after).toBeLessThan(before * 0.1);
  });

  it('removes them as well when the decoder wrote U+FFFD and gave the ( back', () => {
    const damage = (text: string): string | null => (glossInsideCharacterDamage as (text: string, decoder: string) => string | null)(text, 'replacing');
    const { cases, before, after } = errorsOf(damage, 60);
    expect(cases).toBeGreaterThan(10);
    expect(after).toBeLessThan(before * 0.1);
  });
});

describe('a document damaged throughout', () => {
  // The search work a text may spend grows with its length: every site of a document damaged in
  // every paragraph is repaired, as it would be line by line.
  it('is repaired as well as its paragraphs one by one', () => {
    const paragraphs = lines.filter((line) => line.length > 0 && line.length < 300).slice(0, 80);
    const damaged = paragraphs.map((line) => (glossInsideCharacterDamage(line) as string | null) ?? line);
    const original = paragraphs.join('\n');
    const whole = repair(damaged.join('\n')).text;
    const oneByOne = damaged.map((line) => repair(line).text).join('\n');
    expect(editDistance(damaged.join('\n'), original)).toBeGreaterThan(500);
    expect(editDistance(whole, original)).toBeLessThanOrEqual(editDistance(oneByOne, original) * 1.2);
  });
});

describe('a place the general model cannot decide', () => {
  // 要高。“好” and 要高校“好” read almost alike (the lead byte of 。 or 校 was lost): alone, the
  // character stays marked; in a document that writes 。“ elsewhere, it is 。.
  const damaged = gbkBytePunctuationDamage('推动教育事业要高。“好”，就是办学质量要好。') as string;

  it('stays marked when the text says nothing more', () => {
    expect(damaged).toContain('要高?!');
    expect(repair(damaged).text).toBe('推动教育事业要高\uFFFD“好”，就是办学质量要好。');
  });

  it('is read as the rest of the document writes it', () => {
    const document = `就是经济总量要做大。“快”，就是发展速度要快。\n${damaged}`;
    expect(repair(document).text.split('\n')[1]).toBe('推动教育事业要高。“好”，就是办学质量要好。');
  });
});

describe('a window met before', () => {
  // A suspicious window that is no damage, repeated, is searched once: its copies do not spend
  // the search work, which the real damage after them still gets.
  it('is not searched again, and the damage after its copies is still repaired', () => {
    const text = `${'这是一个测试?龘的句子。\n'.repeat(200)}要快?!昂谩?,就是`;
    const lines = repair(text).text.split('\n');
    // Widened, as the document shows the flattening; not read as byte damage.
    expect(lines[0]).toBe('这是一个测试？龘的句子。');
    expect(lines.at(-1)).toBe('要快。“好”，就是');
  });
});

describe('a character both of whose bytes were lost', () => {
  // 輸入 glossed 輸(shū)入, a gloss put inside 入: both of its bytes became ? marks. Any of 20,000
  // characters could stand there; only a gloss after it could say which.
  it('is marked, not guessed, when no gloss reads it', () => {
    expect(repair('如果輸?shū)? 0 (標(biāo)準設定(dìng))，則(zé)一旦遇(yù)到中斷(duàn)點').text).toBe('如果輸\uFFFD 0 （標準設定），則一旦遇到中斷點');
  });
});

describe('a text that spends its search work', () => {
  // Lines of marks each followed by a gloss fragment, every one a search for guessed characters:
  // the work a text may spend grows with its length, so the first lines are searched and the
  // last are left as they stand.
  const line = craftedGlossMarksLine as (n: number) => string;
  it('has its first sites searched and the rest left as they stand, and says so', () => {
    const text = Array.from({ length: 150 }, (_, n) => line(n)).join('\n');
    const step = repair(text).steps.find((taken) => taken.fixer === 'fixGbkMisalignment');
    const starts = ((step?.params.replacements ?? []) as [number, number, string][]).map(([start]) => start);
    expect(starts.some((start) => start < text.indexOf('\n'))).toBe(true);
    expect(starts.every((start) => start < text.lastIndexOf('\n'))).toBe(true);
    expect(step?.detail).toMatch(/; search work spent: \d+ more places that look damaged left as they stand$/);
  });

  // Records repaired one by one would each get the allowance of a whole text.
  it('is shared by the records of a JSON Lines corpus', () => {
    const records = Array.from({ length: 150 }, (_, n) => JSON.stringify({ id: n, text: line(n) }));
    const last = JSON.parse(records.at(-1) as string).text as string;
    expect(repair(last).text).not.toBe(last);
    const output = repairJsonLines(`${records.join('\n')}\n`, 'text').output.split('\n');
    expect(JSON.parse(output[0] as string).text).not.toBe(line(0));
    expect(JSON.parse(output[149] as string).text).toBe(last);
  });
});
