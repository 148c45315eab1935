// UTF-8 that lost the lead byte of a character, with the continuation bytes left decoded one by
// one as Latin-1: C1 controls and Latin-1 signs between Chinese characters (`目标\u0092\u008C引用`
// for 目标和引用, whose 和 is E5 92 8C). Found in real text (the LibreOffice help holds several).
// Nobody writes C1 controls, least of all between Han, so two such bytes there are a character
// that lost its first byte: each of the 16 lead bytes of a three-byte sequence is tried, and the
// most natural Chinese character (Han or Chinese punctuation, as its neighbours are) is kept when
// it is clearly so; otherwise the bytes stay as they are (with --no-guess, every such character is
// marked lost).
import { decodeWith } from '../codecs.js';
import { applyReplacements, registerFixer, type Replacements } from '../plan.js';
import { CHINESE_CLASS, isChinese, textCost } from '../_naturalness.js';
import { C1_CONTROL, GUESS_MARGIN, showsDamage } from './mojibake.js';
import { LOST, type Guess } from './mark.js';

// Two continuation bytes read as Latin-1 (U+0080-U+00BF), at least one a C1 control, between
// Chinese characters (or before the end of a line).
const ORPHAN_PATTERN = `(?<=[${CHINESE_CLASS}])(?=[\\u0080-\\u00BF]{0,1}[\\u0080-\\u009F])[\\u0080-\\u00BF]{2}(?=[${CHINESE_CLASS}]|$)`;
const ORPHANS = new RegExp(ORPHAN_PATTERN, 'gmu');
const HAS_ORPHANS = new RegExp(ORPHAN_PATTERN, 'mu');
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const DOUBLE_BYTE = ['gbk', 'big5'];
/** Characters of context on each side that judge a candidate. */
const CONTEXT = 3;

/** Whether a text holds continuation bytes that lost their lead byte. */
export function hasOrphanContinuations(text: string): boolean {
  // A C1 control is rare; the lookbehind need not be tried at every position of most text.
  return C1_CONTROL.test(text) && HAS_ORPHANS.test(text);
}

/**
 * The replacements for pairs of orphan continuation bytes: the character a lead byte completes
 * when one is clearly most natural; without `guess`, a lost-character mark for every pair.
 */
export function findLostLeads(text: string, guess: boolean): { replacements: Replacements; guesses: Guess[] } {
  const replacements: [number, number, string][] = [];
  const guesses: Guess[] = [];

  for (const match of text.matchAll(ORPHANS)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = text.slice(Math.max(0, start - CONTEXT), start);
    const after = text.slice(end, end + CONTEXT);
    const trail = [...match[0]].map((char) => char.charCodeAt(0));
    let best: { char: string; cost: number } | null = null;
    let second = Infinity;
    for (let lead = 0xe0; guess && lead <= 0xef; lead += 1) {
      let char: string;
      try {
        char = UTF8.decode(Uint8Array.of(lead, ...trail));
      } catch {
        continue;
      }
      // Between Chinese characters, the lost one is taken to be Chinese too.
      if (!isChinese(char)) continue;
      const cost = textCost(before + char + after);
      if (!best || cost < best.cost) {
        second = best ? best.cost : second;
        best = { char, cost };
      } else if (cost < second) second = cost;
    }
    // The two bytes may instead be a whole GBK or Big5 character read as Latin-1 (`\u008C¦` is 對
    // in GBK): where that reads as well, they are left to the encoding engine, which loses none of
    // them and takes such a character where the signs show damage (after Chinese, as here).
    if (best && showsDamage(match[0], isChinese(after[0] ?? ''))) {
      for (const codec of DOUBLE_BYTE) {
        const char = decodeWith(Uint8Array.from(trail), codec);
        if (char.length === 1 && isChinese(char)) second = Math.min(second, textCost(before + char + after));
      }
    }
    if (best && second - best.cost >= GUESS_MARGIN) {
      replacements.push([start, end, best.char]);
      guesses.push({ offset: start, char: best.char, margin: second - best.cost });
    } else if (!guess) replacements.push([start, end, LOST]);
    // Unsure with guessing on, the bytes stay: a mark made here would look like fresh byte
    // damage to the next repair's misalignment search, which only --no-guess keeps off marks.
  }
  return { replacements, guesses };
}

/**
 * Apply the replacements that `findLostLeads` decided (`params.replacements`: start, end, text).
 *
 * @example
 * restoreLostLeads('目标\u0092\u008C引用', { replacements: [[2, 4, '和']] }) // '目标和引用'
 */
export const restoreLostLeads = applyReplacements;
registerFixer('restoreLostLeads', restoreLostLeads);
