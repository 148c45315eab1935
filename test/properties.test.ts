// Properties over generated inputs (fast-check): clean text is untouched; lossless damage of clean
// Chinese, one to three layers, comes back exactly; and on any string repair never throws, never
// returns a lone surrogate, and is idempotent.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWith, repair } from '../dist/index.js';
// @ts-expect-error plain JavaScript shared with the benchmarks
import { DAMAGES, decodeLikePython, layered } from '../scripts/damage.mjs';

type Damage = (text: string) => string | null;

// A fixed seed keeps CI reproducible; set FC_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261127) });

const lines = (name: string): string[] =>
  readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8').split('\n').filter((line) => line.length > 0);
// The LibreOffice help's prose, and news-style lines written here (the Traditional ones converted
// with opencc-js, quotation marks 「」『』): the help has few of the marks news prints (‘’ —— …… ·).
const simplified = [...lines('zh-cn.sample.txt'), ...lines('news-zh-cn.txt')];
const traditional = [...lines('zh-tw.sample.txt'), ...lines('news-zh-tw.txt')];
const clean = (JSON.parse(readFileSync(new URL('../fixtures/cases/clean.json', import.meta.url), 'utf8')) as { original: string }[]).map(
  (item) => item.original,
);

const cleanText = fc
  .array(fc.oneof(fc.constantFrom(...simplified), fc.constantFrom(...traditional), fc.constantFrom(...clean)), { minLength: 1, maxLength: 4 })
  .chain((parts) => fc.constantFrom('\n', '\r\n', ' ').map((separator) => parts.join(separator)));

// Characters that exercise every repair: Han, CJK punctuation, ASCII marks, Latin-1 and cp1252
// characters, C1 controls, kana, replacement characters, emoji and entities.
const tricky = fc.string({
  unit: fc.constantFrom(...Array.from('的是會議(huì)市政,.!?:;()“”「」。，ÃÂâ€œ©é¥¤ ¡\u0081\u009dかア�😀&amp;#x4e2d\n\r\t浣犲ソ鐢甯傛')),
  maxLength: 40,
});

/** A run of 8 to 24 characters from one of the lines. */
function phraseOf(source: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...source.filter((line) => line.length >= 24)), fc.nat(), fc.integer({ min: 8, max: 24 }))
    .map(([line, offset, length]) => {
      const chars = Array.from(line);
      const start = offset % Math.max(1, chars.length - length);
      return chars.slice(start, start + length).join('');
    });
}

const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('properties', () => {
  it('leaves clean text untouched', () => {
    fc.assert(
      fc.property(cleanText, (text) => {
        expect(repair(text).text).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  // UTF-8 read as Big5 or EUC-KR is practically never lossless (Big5 trail bytes exclude half of
  // the UTF-8 continuation range): those families are covered by the lossy property below.
  const everyday = Object.keys(DAMAGES).filter((name) => name !== 'utf-8 as big5' && name !== 'utf-8 as euc-kr');
  it.each(everyday)('undoes %s, one to three layers, when it is lossless', (name) => {
    const damage = (DAMAGES as Record<string, Damage>)[name] as Damage;
    const source = name.startsWith('big5') ? traditional : simplified;
    // Decoding UTF-8 as a double-byte codec is lossless only for a short run now and then.
    const sample = name.startsWith('utf-8 as') && !/cp1252|latin-1/.test(name) ? phraseOf(source) : fc.constantFrom(...source);
    fc.assert(
      fc.property(sample, fc.integer({ min: 1, max: 3 }), (text, layers) => {
        const damaged = (layered as (d: Damage, n: number) => Damage)(damage, layers)(text);
        fc.pre(damaged !== null && damaged !== text);
        expect(repair(damaged as string).text).toBe(text);
      }),
      { numRuns: 25, maxSkipsPerRun: 1000 },
    );
  });

  // A document gathered from several sources: each line damaged by its own family, or clean.
  const wholeLineFamilies = everyday.filter((name) => !name.startsWith('utf-8 as') || /cp1252|latin-1/.test(name));
  it('undoes a different family on each line of one document', () => {
    const damagedLine = fc.tuple(fc.constantFrom(...wholeLineFamilies, 'clean'), fc.constantFrom(...simplified, ...traditional));
    fc.assert(
      fc.property(fc.array(damagedLine, { minLength: 2, maxLength: 5 }), (parts) => {
        const damaged = parts.map(([name, text]) => (name === 'clean' ? text : ((DAMAGES as Record<string, Damage>)[name] as Damage)(text)));
        fc.pre(damaged.every((line) => line !== null) && new Set(parts.map(([name]) => name)).size > 1);
        expect(repair(damaged.join('\n')).text).toBe(parts.map(([, text]) => text).join('\n'));
      }),
      { numRuns: 60, maxSkipsPerRun: 1000 },
    );
  });

  // Big5 and EUC-KR decoders drop whole byte pairs; recovering those is the lossy-damage issue.
  const lossyReadings: [string, (bytes: Buffer) => string][] = [
    ['GBK (a browser\'s)', (bytes) => decodeWith(bytes, 'gbk')],
    ...['gbk', 'big5', 'shift_jis'].map((codec): [string, (bytes: Buffer) => string] => [`${codec} (Python's)`, (bytes) => decodeLikePython(bytes, codec)]),
  ];
  it.each(lossyReadings)('invents nothing when UTF-8 read as %s lost bytes and guessing is off', (_, decode) => {
    fc.assert(
      fc.property(fc.constantFrom(...simplified), (text) => {
        const damaged = decode(Buffer.from(text));
        const fixed = repair(damaged, { guess: false }).text;
        const kept = Array.from(fixed.replaceAll('\uFFFD', ''));
        // Every character left is the original's, in order: recovered, never guessed.
        let at = 0;
        for (const char of Array.from(text)) if (kept[at] === char) at += 1;
        expect(at === kept.length || fixed === damaged).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('never throws, never returns a lone surrogate, and is idempotent', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const once = repair(text).text;
        expect(hasLoneSurrogate(once)).toBe(false);
        expect(repair(once).text).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
