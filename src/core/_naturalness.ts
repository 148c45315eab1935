// How natural a piece of text is, as a cost (lower is more natural). The engine compares a span
// with its candidate decodings: mojibake is made of characters that are rare in real text (rare
// Han, C1 controls, symbols after accented capitals, kana inside Chinese) and is longer than the
// text it hides, so the true decoding costs clearly less. For Han the costs come from the
// lexicon's character frequencies, with a bonus for pairs that occur inside known words.
import { byteTable } from './codecs.js';
import { getLexicon } from './_lexicon.js';
import { byCodeUnit, lazy } from './_lazy.js';
import { characterScript, openccDictionary } from './_opencc.js';
import { openOf, quoteOf } from './_quotes.js';

const HAN_PATTERN = /\p{Script=Han}/u;

/** Chinese text for the fixers' patterns: Han, CJK punctuation and full-width forms (a character class body). */
export const CHINESE_CLASS = '\\p{Script=Han}\\u3000-\\u303F\\uFF01-\\uFF60';
const CHINESE_CHARACTER = new RegExp(`^[${CHINESE_CLASS}]$`, 'u');
/** Whether a character is Chinese text: Han, CJK punctuation or a full-width form. */
export function isChinese(char: string): boolean {
  return CHINESE_CHARACTER.test(char);
}
/** Whether a character is Han: the common blocks by range, the rest by the Unicode property. */
function isHan(char: string): boolean {
  const code = char.codePointAt(0) as number;
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  if (code < 0x2e80) return false;
  return HAN_PATTERN.test(char);
}
const UNASSIGNED = /[\p{Cn}\p{Co}\p{Cs}]/u;
const SYMBOL = /[\p{So}\p{Sm}\p{Sk}]/u;
const COMBINING = /\p{M}/u;
const LETTER = /\p{L}/u;

/**
 * Â or Ã (UTF-8 lead bytes C2, C3 read as Latin-1 or cp1252), or √ (C3 read as Mac OS Roman),
 * followed by what a continuation byte reads as.
 */
const CONTINUATION_AFTER_LATIN1_LEAD_COST = 8;
/**
 * Another lead byte read as Latin-1 or cp1252, or ¬ (C2 read as Mac OS Roman, but also a sign of
 * text art: `¬_¬`), followed by a continuation byte so read.
 */
const CONTINUATION_AFTER_LEAD_COST = 4;
// What Mac OS Roman makes of continuation bytes (`caf√©`, `M√ºnchen`, `Zam√≤`); what √ takes the
// root of in mathematics (√π, √∑x, √∞) counts only after a letter (`Bj√∏rk`, `m√∫sica`).
const ROOT_OPERANDS = new Set([...'π∑∏∫∞']);
const MAC_CONTINUATION_LOOKALIKES = lazy(() => new Set(byteTable('macroman').slice(0x80, 0xc0)));
// Characters that a cp1252 or Latin-1 decoder makes of UTF-8 continuation bytes 0x80-0xBF.
const CONTINUATION_LOOKALIKES = new Set(
  [...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿'].concat(
    Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
  ),
);

// The lexicon is Simplified: a Traditional character is as natural as its Simplified form.
const toSimplified = lazy(() => openccDictionary('TSCharacters'));
function simplified(char: string): string {
  return toSimplified().get(char)?.[0] ?? char;
}

function hanCost(char: string): number {
  const lexicon = getLexicon();
  const own = lexicon.char(char);
  const viaSimplified = lexicon.char(simplified(char));
  const logFreq = own === undefined ? viaSimplified : viaSimplified === undefined ? own : Math.max(own, viaSimplified);
  return logFreq === undefined ? 19 : Math.max(2, lexicon.logTotal - logFreq);
}

// The punctuation of running Chinese text; the rest of the CJK and full-width punctuation blocks
// (〃 〄 ＃ ＄ full-width letters) is far rarer, which tells a lost byte of 。 from its neighbours.
const COMMON_PUNCTUATION = new Set([...'、。〈〉《》「」『』【】〔〕〖〗！（），：；？．－／％＋＝＜＞［］＿']);
// Where a sentence or clause ends; a comma or an enumeration mark does not end a line.
const SENTENCE_END = new Set([...'。！？']);
const CLAUSE_MARK = new Set([...'，、：；']);
const OPENING = new Set([...'〈《「『【〔〖（［']);
// Each closing bracket with its opening one: a closing bracket nothing opened is unlikely.
const OPENER_OF = new Map([...'〉》」』】〕〗）］'].map((closer, i) => [closer, [...'〈《「『【〔〖（［'][i] as string]));
export const UNMATCHED_CLOSER_COST = 4;
/** The quotation marks among the brackets, by their kind in _quotes.ts. */
const BRACKET_QUOTES: readonly (readonly [string, number])[] = [...'「『'].map((opener) => [opener, quoteOf(opener)?.kind as number]);
const isClosingBracket = (char: string): boolean => OPENER_OF.has(char);

/**
 * A running count of open brackets: for each next character, what it costs as a closing bracket
 * (UNMATCHED_CLOSER_COST when no bracket before it is still open for it; nothing otherwise),
 * the quotations `quotes` (see _quotes.ts) open before the first.
 */
function bracketCounter(quotes = 0): (char: string) => number {
  let open: Map<string, number> | undefined;
  for (const [opener, kind] of BRACKET_QUOTES) if (openOf(quotes, kind) > 0) (open ??= new Map()).set(opener, openOf(quotes, kind));
  return (char) => {
    if (OPENING.has(char)) (open ??= new Map()).set(char, (open.get(char) ?? 0) + 1);
    const opener = OPENER_OF.get(char);
    if (opener === undefined) return 0;
    const count = open?.get(opener) ?? 0;
    if (count === 0) return UNMATCHED_CLOSER_COST;
    open?.set(opener, count - 1);
    return 0;
  };
}

const MARK_AFTER_SPACE_COST = 3;

// An empty quotation or bracket, by its opening character.
const EMPTY_PAIRS = new Map(['“”', '‘’', '「」', '『』', '（）', '()', '《》'].map((pair) => [pair[0] as string, pair[1] as string]));

function isBoxDrawing(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x2500 && code < 0x25a0;
}

// Costs memoised by code point: a table for the Basic Multilingual Plane (NaN until computed),
// a map beyond it.
const bmpCosts = new Float64Array(0x10000).fill(NaN);
const astralCosts = new Map<string, number>();

/** The cost of one character (one code point) in isolation; memoised, as characters repeat. */
export function charCost(char: string): number {
  if (char.length === 1) {
    const code = char.charCodeAt(0);
    let cost = bmpCosts[code] as number;
    if (Number.isNaN(cost)) {
      cost = computeCharCost(char);
      bmpCosts[code] = cost;
    }
    return cost;
  }
  let cost = astralCosts.get(char);
  if (cost === undefined) {
    cost = computeCharCost(char);
    astralCosts.set(char, cost);
  }
  return cost;
}

function computeCharCost(char: string): number {
  const code = char.codePointAt(0) as number;
  if (code < 0x80) {
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) return 0.5;
    if (code < 0x20 || code === 0x7f) return 14;
    return /[A-Za-z0-9]/.test(char) ? 1 : 1.5;
  }
  if (code < 0xa0) return 14; // C1 controls
  if (code === 0xa0) return 4;
  if (code < 0xc0 || code === 0xd7 || code === 0xf7) return 5; // Latin-1 symbols
  if (code < 0x100) return 3; // Latin-1 letters
  if (code === 0x17f) return 9; // long s, archaic
  if (code < 0x180) return 4; // Latin Extended-A
  if (code >= 0x218 && code < 0x21c) return 4; // Romanian ș ț Ș Ț, common as Extended-A's letters
  if (code < 0x300) return 9; // Latin Extended-B, IPA, spacing modifiers
  // Latin Extended Additional: Vietnamese from U+1EA0; before it letters of transliteration (ḥ ṣ ṭ
  // ḝ), rarer in the text fixnews sees than most Han, which the wrong decoding of Han makes
  // (盧巴 -> Ḕb through Shift_JIS).
  if (code >= 0x1ea0 && code < 0x1f00) return 4;
  if (code >= 0x1e00 && code < 0x1ea0) return 10;
  if (COMBINING.test(char)) return 10; // combining marks, whatever their script
  // Historic Cyrillic (Ѡ ѡ Ѣ ѣ Ѳ ѳ ...) and Greek symbol variants and Coptic (ϐ ϕ Ϣ ...) are rare in
  // running text, unlike the alphabets themselves: GBK read as UTF-8 makes them of common Han.
  if ((code >= 0x460 && code < 0x48a) || (code >= 0x3d0 && code < 0x400)) return 9;
  if (code < 0x530) return 3; // Greek, Cyrillic
  if (code >= 0x590 && code < 0x700) return 3; // Hebrew, Arabic
  if (code >= 0x2010 && code < 0x2028) return 3; // dashes, quotes, bullets, ellipsis
  if (code === 0x3000) return 5; // ideographic space, rare inside running text
  if (COMMON_PUNCTUATION.has(char)) return 2.5;
  if (code >= 0x3000 && code < 0x3040) return code === 0x3005 || code === 0x3007 ? 5 : 7; // other CJK marks (々 〇 are in words)
  if (code >= 0x3040 && code < 0x3100) return 5; // kana
  if ((code >= 0x3100 && code < 0x3130) || (code >= 0x31a0 && code < 0x31c0)) return 9; // Bopomofo, rare in running text
  if (code >= 0xac00 && code < 0xd7a4) return isWansungSyllable(code) ? 5 : RARE_HANGUL_COST; // Hangul syllables
  if (code >= 0xff01 && code < 0xff61) return 5; // other full-width forms: letters, digits, symbols
  // Vertical and small presentation forms (﹃ ﹏ ︵) are for typesetting, rare in running text.
  if ((code >= 0xfe10 && code < 0xfe20) || (code >= 0xfe30 && code < 0xfe70)) return 9;
  if (code === 0xfffd) return 12;
  if (isHan(char)) return hanCost(char);
  if (UNASSIGNED.test(char)) return 16;
  if (code >= 0x1f000) return 4; // emoji
  if (isBoxDrawing(char)) return 5;
  if (SYMBOL.test(char)) return 6;
  return LETTER.test(char) ? 5 : 6;
}

/**
 * KS X 1001 (EUC-KR proper) holds the 2,350 Hangul syllables of everyday Korean; the other 8,822
 * are rare in text, and they are what code page 949 (browsers' EUC-KR) reads UTF-8 bytes as.
 */
const RARE_HANGUL_COST = 9;
const FIRST_SYLLABLE = 0xac00;
// KS X 1001's syllables fill the rows B0-C8 of EUC-KR, columns A1-FE: read off a decoder once
// (Node's reads that part of EUC-KR as browsers do), no code page table needed.
const WANSUNG_SYLLABLES = lazy(() => {
  const codes: number[] = [];
  for (let lead = 0xb0; lead <= 0xc8; lead += 1) for (let trail = 0xa1; trail <= 0xfe; trail += 1) codes.push(lead, trail);
  const syllables = new Uint8Array(0xd7a4 - FIRST_SYLLABLE);
  for (const char of new TextDecoder('euc-kr').decode(Uint8Array.from(codes))) {
    const code = char.charCodeAt(0);
    if (code >= FIRST_SYLLABLE && code < 0xd7a4) syllables[code - FIRST_SYLLABLE] = 1;
  }
  return syllables;
});
const isWansungSyllable = (code: number): boolean => WANSUNG_SYLLABLES()[code - FIRST_SYLLABLE] === 1;

// A Latin capital beyond ASCII inside a word of small letters is what a UTF-8 lead byte read as
// a single-byte codec makes (`voilÃ`, `VisÅ³`, `SlovenÄ`, `ÄÆdomu`): words are capitalised at
// their start, or written all in capitals. ASCII capitals are left out: camel case (LibreOffice,
// iPhone) and plural acronyms (IDs) are common.
const CAPITAL_INSIDE_WORD_COST = 3;
const SMALL = /\p{Ll}/u;
const CAPITAL = /\p{Lu}/u;
const LATIN_SMALL = 1;
const LATIN_CAPITAL = 2;
const NOT_LATIN_CASED = 3;
// Latin letters by case: the checks below run for every pair of letters a span is judged by.
const latinCaseOf = byCodeUnit((char) => {
  const code = char.charCodeAt(0);
  return !isLatinLetter(code) ? NOT_LATIN_CASED : SMALL.test(char) ? LATIN_SMALL : CAPITAL.test(char) ? LATIN_CAPITAL : NOT_LATIN_CASED;
});
function latinCase(char: string): number {
  return char.length === 1 ? latinCaseOf(char.charCodeAt(0)) : NOT_LATIN_CASED;
}
/** A small Latin letter, then a Latin capital beyond ASCII. */
function isAccentedCapitalAfterSmall(first: string, second: string): boolean {
  return second.charCodeAt(0) >= 0xc0 && latinCase(second) === LATIN_CAPITAL && latinCase(first) === LATIN_SMALL;
}
/** Two Latin capitals, one beyond ASCII, then a small Latin letter. */
function isTwoCapitalsBeforeSmall(first: string, middle: string, last: string): boolean {
  if (first.charCodeAt(0) < 0xc0 && middle.charCodeAt(0) < 0xc0) return false;
  return latinCase(first) === LATIN_CAPITAL && latinCase(middle) === LATIN_CAPITAL && latinCase(last) === LATIN_SMALL;
}

/** An ASCII letter next to a Greek one, given their script classes (TNFα, IL2Rγ: symbols of science). */
function isGreekNextToLatin(first: string, second: string, x: ScriptClass, y: ScriptClass): boolean {
  return (x === 'latin' && y === 'greek' && isAsciiLetter(first)) || (y === 'latin' && x === 'greek' && isAsciiLetter(second));
}

/** Latin letters beyond ASCII: Latin-1, Extended-A and -B, and Extended Additional (Vietnamese). */
function isLatinLetter(code: number): boolean {
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  if (code >= 0xc0 && code < 0x250) return code !== 0xd7 && code !== 0xf7;
  return code >= 0x1e00 && code < 0x1f00;
}

// A letter's script for the pairs it makes: scriptOf's, with ASCII letters Latin and every
// character that is no letter 'none'. Letters of two alphabets inside one word (Б┈ェ, ΤҒ, ջЧ) are
// what decoding clean Han through the wrong codec makes, and no language writes.
type ScriptClass = string;
const scriptClassOf = byCodeUnit(computeScriptClass);

function scriptClass(char: string): ScriptClass {
  return char.length === 1 ? scriptClassOf(char.charCodeAt(0)) : computeScriptClass(char);
}

function computeScriptClass(char: string): ScriptClass {
  const script = scriptOf(char);
  if (script === 'kana' || script === 'han') return script;
  if (!LETTER.test(char)) return 'none';
  return script === 'ascii' ? 'latin' : (script ?? 'other');
}

// The Simplified form of each character of the Basic Multilingual Plane by code unit, filled in
// as characters are met (0: not yet): pairs are looked up for both forms on every comparison.
const simplifiedCodes = new Uint16Array(0x10000);
function simplifiedCode(code: number): number {
  let form = simplifiedCodes[code] as number;
  if (form === 0) {
    const char = simplified(String.fromCharCode(code));
    form = char.length === 1 ? char.charCodeAt(0) : code;
    simplifiedCodes[code] = form;
  }
  return form;
}

/**
 * Natural log of the frequency of the commonest word in which `first` is followed by `second`,
 * in either script (`-Infinity` for none). The lexicon holds characters of the Basic Multilingual
 * Plane only.
 */
function wordPairLogFreq(first: string, second: string): number {
  if (first.length !== 1 || second.length !== 1) return -Infinity;
  const lexicon = getLexicon();
  const a = first.charCodeAt(0);
  const b = second.charCodeAt(0);
  const own = lexicon.pairOfCodes(a, b) ?? -Infinity;
  const simplifiedA = simplifiedCode(a);
  const simplifiedB = simplifiedCode(b);
  if (simplifiedA === a && simplifiedB === b) return own;
  return Math.max(own, lexicon.pairOfCodes(simplifiedA, simplifiedB) ?? -Infinity);
}

/** Whether two Han characters follow each other inside a word of the lexicon (either script), or are a rare one doubled. */
export function formsWord(first: string, second: string): boolean {
  return isHan(first) && isHan(second) && (wordPairLogFreq(first, second) > -Infinity || isRareDoubled(first, second));
}

/** What a pair found inside words takes off, by the log frequency of its commonest word (nothing for none). */
function pairBonus(logFreq: number): number {
  return logFreq === -Infinity ? 0 : Math.min(WORD_PAIR_BONUS, 1.5 + logFreq / 3);
}

/**
 * Reduplication makes words of any Han character (天天, 翹翹, 瞿瞿: the Book of Songs is full of
 * them), which a word list holds only for the common ones; a wrong codec makes no such pair out
 * of text that had none (it maps a double-byte character to one character, and splits UTF-8's
 * three bytes across two).
 */
const REDUPLICATION_BONUS = 4;
/** A rare Han character doubled: a word the word list lacks (see REDUPLICATION_BONUS). */
const isRareDoubled = (first: string, second: string): boolean => first === second && isRare(first);

/** The cost of two Han characters beyond their own: a bonus for a pair found inside words. */
function hanPairCost(first: string, second: string): number {
  const bonus = pairBonus(wordPairLogFreq(first, second));
  return isRareDoubled(first, second) ? -Math.max(bonus, REDUPLICATION_BONUS) : -bonus;
}

/**
 * A combining diacritic that does not compose with the letter before it (`f̩`): decomposed text
 * puts marks on letters that have an accented form; what Mac OS Roman makes of `Ã©` does not.
 */
const LOOSE_MARK_COST = 6;
// Lines over, under and through a character (s̶t̶r̶u̶c̶k̶, u̲n̲d̲e̲r̲): styling any character may carry.
const LINE_MARKS = new Set([...'\u0305\u0332\u0333\u0334\u0335\u0336\u0337\u0338']);

/** The most a pair of Han characters inside a word takes off their cost, and the most any other pair does. */
export const WORD_PAIR_BONUS = 6;
const OTHER_PAIR_BONUS = 2;

/** The cost of two adjacent characters beyond their own costs: mojibake signatures and word evidence. */
export function pairCost(first: string, second: string): number {
  const a = first.codePointAt(0) as number;
  // Two Han characters of the main block, the commonest pair by far, meet none of the cases before.
  const b = second.charCodeAt(0);
  if (a >= 0x4e00 && a <= 0x9fff && b >= 0x4e00 && b <= 0x9fff) return hanPairCost(first, second);
  // A UTF-8 lead byte read as Latin-1/cp1252 (Â Ã for 0xC2 0xC3, other capitals for 0xC4-0xDF,
  // â-ï for 0xE2-0xEF) followed by what a continuation byte reads as.
  if (CONTINUATION_LOOKALIKES.has(second)) {
    if (a === 0xc2 || a === 0xc3) return CONTINUATION_AFTER_LATIN1_LEAD_COST;
    // After other leads a no-break space is ordinary text (SELKÄ\u00A0EDELLÄ), not a byte pair.
    if (a >= 0xc4 && a <= 0xef && a !== 0xd7 && second !== '\u00A0') return CONTINUATION_AFTER_LEAD_COST;
  }
  if ((a === 0x221a || a === 0xac) && MAC_CONTINUATION_LOOKALIKES().has(second) && !ROOT_OPERANDS.has(second)) {
    return a === 0x221a ? CONTINUATION_AFTER_LATIN1_LEAD_COST : CONTINUATION_AFTER_LEAD_COST;
  }
  if (isBoxDrawing(first) && isBoxDrawing(second)) return -OTHER_PAIR_BONUS;
  if (b >= 0x300 && b < 0x370 && !LINE_MARKS.has(second) && (first + second).normalize('NFC').length === first.length + second.length) return LOOSE_MARK_COST;
  // A line or a spaced-out sentence ends with 。！？, rarely with ，、：；
  if (second === '\n' || second === ' ') {
    if (SENTENCE_END.has(first)) return -1;
    if (CLAUSE_MARK.has(first)) return 2;
    if (OPENING.has(first)) return 4;
  }
  // Chinese punctuation attaches to what it ends: after a space 。 is about 16 times rarer than its
  // own frequency says (tune split: 24 spaces before 。 and 8,841 before Han characters, where
  // 。 is otherwise 4.5% as frequent as Han characters).
  if (first === ' ' && (SENTENCE_END.has(second) || CLAUSE_MARK.has(second))) return MARK_AFTER_SPACE_COST;
  // Box drawing touching Han occurs in text tables, but far less often than in GBK and Big5
  // mojibake, where common Han read through the other codec come out as box drawing.
  if ((isBoxDrawing(first) && isHan(second)) || (isHan(first) && isBoxDrawing(second))) return 4;
  if ((isLatin1Sign(a) && isChineseCode(b)) || (isChineseCode(a) && isLatin1Sign(b))) return LATIN1_SIGN_BESIDE_CHINESE_COST;
  if (EMPTY_PAIRS.get(first) === second) return 6;
  if (isAccentedCapitalAfterSmall(first, second)) return CAPITAL_INSIDE_WORD_COST;
  const x = scriptClass(first);
  const y = scriptClass(second);
  if (x === 'han' && y === 'han') return hanPairCost(first, second);
  if (x !== y && x !== 'none' && y !== 'none') {
    if ((x === 'han' && y === 'kana') || (x === 'kana' && y === 'han')) return 1;
    // ASCII letters next to Han are common (ChatGPT应用); other letters next to Han are not.
    if ((x === 'han' || y === 'han') && first.charCodeAt(0) >= 0x80 !== second.charCodeAt(0) >= 0x80) {
      return (x === 'han' ? second : first).charCodeAt(0) < 0x80 ? 0 : LETTER_BESIDE_HAN_COST;
    }
    // Greek letters are symbols in Latin text (TNFα, IL2Rγ, β-catenin), inside its words too.
    if (isGreekNextToLatin(first, second, x, y)) return 1;
    return 4; // two scripts inside one word
  }
  return 0;
}

/**
 * The writing system of a character for novelty. ASCII letters are `ascii`: they give a document
 * context but are at home everywhere; digits and punctuation have none; box drawing has its own.
 */
export function scriptOf(char: string): string | undefined {
  const code = char.codePointAt(0) as number;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 'ascii';
  if (code < 0xc0) return undefined;
  if (isLatinLetter(code)) return 'latin';
  if (code < 0x250) return undefined;
  if (code >= 0x370 && code < 0x400) return 'greek';
  if (code >= 0x400 && code < 0x530) return 'cyrillic';
  if (code >= 0x590 && code < 0x600) return 'hebrew';
  if (code >= 0x600 && code < 0x700) return 'arabic';
  if (code >= 0x3040 && code < 0x3100) return 'kana';
  if (code >= 0xac00 && code < 0xd7a4) return 'hangul';
  if (isHan(char)) return 'han';
  // Not letters, but as telling: box drawing in a text with none elsewhere is likely mojibake.
  if (isBoxDrawing(char)) return 'box';
  // Other writing systems, their digits and signs too (๙ is Thai, ⢗ Braille): what a wrong
  // decoding of Han makes of a few bytes, one system per character, found nowhere else.
  const system = writingSystemOf(char);
  if (system !== undefined) return system;
  return LETTER.test(char) ? 'other' : undefined;
}

const WRITING_SYSTEMS = ['Armenian', 'Syriac', 'Thaana', 'Nko', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Georgian', 'Ethiopic', 'Cherokee', 'Canadian_Aboriginal', 'Ogham', 'Runic', 'Khmer', 'Mongolian', 'Braille', 'Yi', 'Tifinagh', 'Bopomofo', 'Hangul'] as const;
const WRITING_SYSTEM_PATTERN = new RegExp(`[${WRITING_SYSTEMS.map((name) => `\\p{Script=${name}}`).join('')}]`, 'u');
// As scriptOf names scripts: in small letters.
const WRITING_SYSTEM_NAMES = WRITING_SYSTEMS.map((name) => name.toLowerCase());
const WRITING_SYSTEM_PATTERNS = WRITING_SYSTEMS.map((name) => new RegExp(`\\p{Script=${name}}`, 'u'));
function findWritingSystem(char: string): string | undefined {
  return WRITING_SYSTEM_PATTERN.test(char) ? WRITING_SYSTEM_NAMES[WRITING_SYSTEM_PATTERNS.findIndex((pattern) => pattern.test(char))] : undefined;
}
const writingSystemByCodeUnit = byCodeUnit(findWritingSystem);

/** The writing system (beyond those scriptOf names itself) that a character belongs to, if any. */
function writingSystemOf(char: string): string | undefined {
  return char.length === 1 ? writingSystemByCodeUnit(char.charCodeAt(0)) : findWritingSystem(char);
}

/** Characters at least this costly are rare: mojibake and out-of-step decoding are made of them. */
const RARE_COST = 8.5;

/**
 * Whether a character is rare in real text: mojibake is made of such. Half-width katakana count,
 * being what Shift_JIS makes of single bytes A1-DF.
 */
export function isRare(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0xff61 && code <= 0xff9f) || charCost(char) >= RARE_COST;
}

/** Letters of a script found nowhere else in a document are unlikely: this is their extra cost. */
export const NOVEL_SCRIPT_COST = 6;

/**
 * A sign glued between two letters of an alphabet (`Ä°stanbul`, `RÄ«ga`, `wei√ü`): what a lead byte
 * and a continuation byte read as a single-byte codec make; real words hold apostrophes, hyphens
 * and the middle dot, and spaces (a no-break space) and currency signs (`MÄ£ÄM`, leetspeak) are
 * what writers put there too; they are left out.
 */
const SIGN_IN_WORD_COST = 4;
const WORD_JOINERS = new Set([...'’‘ʼ·‐‑\u00AD']);
const NOT_A_SIGN = /[\p{L}\p{M}\p{Z}\p{Sc}\s]/u;
function isSignInsideWord(first: string, middle: string, last: string): boolean {
  const alphabetic = (char: string): boolean => {
    const code = char.codePointAt(0) as number;
    return isLatinLetter(code) || (code >= 0x370 && code < 0x530 && LETTER.test(char));
  };
  return alphabetic(first) && alphabetic(last) && !WORD_JOINERS.has(middle) && !NOT_A_SIGN.test(middle);
}

/** What supposing that a space was byte A0 costs a repair, so that spaces are restored only on clear evidence. */
export const SPACE_FOR_A0_COST = 4;
/**
 * Ã or Â ending a word of small letters before a space: the lead byte of à or of a no-break space
 * whose A0 became a space (`voilÃ le`), which clean text never has. It costs what the pair it was
 * costs (Ã then a no-break space) and what restoring the space costs, so that the altered form
 * is as clear evidence as the form itself.
 */
const LEAD_BEFORE_ALTERED_A0_COST = CONTINUATION_AFTER_LATIN1_LEAD_COST + SPACE_FOR_A0_COST;

/** A Han character inside a Latin word (`d矇but`): what Big5 or GBK read for an accented letter makes. */
const HAN_IN_LATIN_WORD_COST = 6;

/**
 * A sign of Latin-1 (¦ ¹ ¤ ±, not the · of foreign names) touching Chinese: what GBK or Big5 read
 * through Latin-1 or cp1252 makes (¦]¦¹ for 因此), and clean Chinese almost never holds: the
 * Chinese, Japanese and Korean manual pages and gettext catalogs Debian installs, with the help
 * text of the corpus (33 million characters), hold 15 beside Chinese, a third of them damage
 * themselves (计®表格).
 */
const LATIN1_SIGN_BESIDE_CHINESE_COST = 4;
const MIDDLE_DOT = 0xb7;
function isLatin1Sign(code: number): boolean {
  return (code >= 0xa1 && code < 0xc0 && code !== MIDDLE_DOT) || code === 0xd7 || code === 0xf7;
}
/** Han of the main block, CJK marks or a full-width form, by code unit (see isChinese). */
function isChineseCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code < 0x3040) || (code >= 0xff01 && code < 0xff61) || (code >= 0x3400 && code < 0x4dc0);
}

/** A letter of an alphabet beyond ASCII touching Han (дд原). */
const LETTER_BESIDE_HAN_COST = 8;

/**
 * A small ASCII letter alone beside Chinese (`蒙a，`, `社j饰`), neither in a word of Latin letters
 * nor set apart by spaces: what a trail byte of Big5, GBK or Shift_JIS makes when their Han is
 * paired out of step, and as unlikely as a letter of another alphabet there. Text names a lone
 * letter inside quotes or brackets (「x」, （r）).
 */
const LONE_SMALL_LETTER_COST = LETTER_BESIDE_HAN_COST;
const QUOTE_OPENING = new Set([...'“‘']);
const QUOTE_CLOSING = new Set([...'”’']);
function isLoneSmallLetter(first: string, middle: string, last: string): boolean {
  const code = middle.charCodeAt(0);
  if (code < 0x61 || code > 0x7a) return false;
  const before = first.codePointAt(0) as number;
  const after = last.codePointAt(0) as number;
  const wordOrSpace = (around: number): boolean => around < 0x80 || isLatinLetter(around) || around === 0xa0 || around === 0x3000;
  if (wordOrSpace(before) || wordOrSpace(after) || !(isChinese(first) || isChinese(last))) return false;
  return !OPENING.has(first) && !QUOTE_OPENING.has(first) && !isClosingBracket(last) && !QUOTE_CLOSING.has(last);
}

/**
 * A capital ASCII letter between a Latin-1 sign or letter and Chinese (`±N所`, `¡A使`): a Big5 or
 * GBK pair read through Latin-1 whose trail byte is ASCII. Clean Chinese sets lone capitals
 * before Han (A股, T恤), but not after such a character.
 */
function isCapitalAfterLatin1(first: string, middle: string, last: string): boolean {
  const code = middle.charCodeAt(0);
  const before = first.charCodeAt(0);
  return code >= 0x41 && code <= 0x5a && before > 0xa0 && before < 0x100 && isChineseCode(last.charCodeAt(0));
}

function isAsciiLetter(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * A capital of a UTF-8 lead byte (Ä-Þ) after a small letter and before what a continuation byte
 * reads as (`pomocÄ…`, `zostaÅ‚`, `FiÈ™ier`): a two-byte letter read as cp1252 inside a word, both
 * signatures at once beyond what their pairs cost. Clean text shows none: the translated manual
 * pages and gettext catalogs Debian installs (290 million characters) hold 21 capitals after a
 * small letter (`hÉigipte`, `GiảmÂmLượng`), none before such a character.
 */
const LEAD_CAPITAL_INSIDE_WORD_COST = 2;
function isLeadCapitalInsideWord(first: string, middle: string, last: string): boolean {
  const code = middle.charCodeAt(0);
  return code >= 0xc4 && code <= 0xde && code !== 0xd7 && last !== '\u00A0' && CONTINUATION_LOOKALIKES.has(last) && latinCase(first) === LATIN_SMALL;
}

/**
 * Whether `char`, between two others, can take a pair's cost back (wordCost: an accented letter
 * ending a word of ASCII letters beside Han); no other three characters cost less than nothing
 * beyond their pairs.
 */
export function takesBackPairs(char: string | undefined): boolean {
  const code = char?.codePointAt(0);
  return code !== undefined && code >= 0x80 && isLatinLetter(code);
}

/**
 * What three characters in a row say beyond their pairs: a Han character between two ASCII
 * letters is unlikely; an accented letter that ends or begins a word of ASCII letters may touch
 * Han (`Café喝`), which takes back the pair cost of a lone letter next to Han.
 */
function wordCost(first: string, middle: string, last: string): number {
  if (isTwoCapitalsBeforeSmall(first, middle, last)) return CAPITAL_INSIDE_WORD_COST;
  if (isLeadCapitalInsideWord(first, middle, last)) return LEAD_CAPITAL_INSIDE_WORD_COST;
  if (middle === '√' && ROOT_OPERANDS.has(last) && LETTER.test(first)) return CONTINUATION_AFTER_LATIN1_LEAD_COST;
  if (last === ' ' && (middle === 'Ã' || middle === 'Â') && latinCase(first) === LATIN_SMALL) return LEAD_BEFORE_ALTERED_A0_COST;
  if (isAsciiLetter(first) && isAsciiLetter(last) && isHan(middle)) return HAN_IN_LATIN_WORD_COST;
  if (isLoneSmallLetter(first, middle, last) || isCapitalAfterLatin1(first, middle, last)) return LONE_SMALL_LETTER_COST;
  const code = middle.codePointAt(0) as number;
  if (code >= 0x80 && isSignInsideWord(first, middle, last)) return SIGN_IN_WORD_COST;
  if (code < 0x80 || !isLatinLetter(code)) return 0;
  if (isAsciiLetter(first) && isHan(last)) return -pairCost(middle, last);
  if (isHan(first) && isAsciiLetter(last)) return -pairCost(first, middle);
  return 0;
}

/**
 * What the characters of `run` add to a text between `left` and `right` (their last and first two
 * characters count): their own costs and those of the pairs and triples they are part of, and the
 * cost of closing brackets among them and after them that nothing before opens (nor the
 * quotations `quotes` that the line holds open before them: a 」 may close a 「 further back).
 * Candidates for one place compare by this as they would by the cost of that short text.
 */
export function costBetween(left: readonly string[], run: readonly string[], right: readonly string[], quotes = 0): number {
  let cost = 0;
  for (let k = 0; k < run.length; k += 1) {
    const char = run[k] as string;
    cost += charCost(char);
    const previous = charBefore(left, run, k, 1);
    if (previous === undefined) continue;
    cost += pairCost(previous, char);
    const beforePrevious = charBefore(left, run, k, 2);
    if (beforePrevious !== undefined) cost += wordCost(beforePrevious, previous, char);
  }
  // The pair and triples that reach past the run's end.
  const last = run[run.length - 1] as string;
  const next = right[0];
  if (next !== undefined) {
    const previous = charBefore(left, run, run.length - 1, 1);
    if (previous !== undefined) cost += wordCost(previous, last, next);
    cost += pairCost(last, next);
    if (right[1] !== undefined) cost += wordCost(last, next, right[1]);
  }
  // Most places have no closing bracket near: the count of open ones is not needed.
  if (!run.some(isClosingBracket) && !right.some(isClosingBracket)) return cost;
  const closerCost = bracketCounter(quotes);
  for (const char of left) closerCost(char);
  let closers = 0;
  for (const char of run) closers += closerCost(char);
  for (const char of right) closers += closerCost(char);
  return cost + closers;
}

/** The character `back` places before offset `k` of `run`, reaching back into `left`. */
function charBefore(left: readonly string[], run: readonly string[], k: number, back: number): string | undefined {
  const at = k - back;
  return at >= 0 ? run[at] : left[left.length + at];
}

/**
 * The most a Han character's pairs inside words (in either script) take off its cost with what
 * follows it (`after`) or what precedes it (`before`), REDUPLICATION_BONUS at least (it may be
 * doubled); `null` for a character that is not Han, whose pairs take off at most OTHER_PAIR_BONUS.
 */
export function wordPairBonus(char: string, side: 'after' | 'before'): number | null {
  if (!isHan(char)) return null;
  const doubled = isRare(char) ? REDUPLICATION_BONUS : 0;
  if (char.length !== 1) return doubled;
  const lexicon = getLexicon();
  const best = side === 'after' ? lexicon.bestPairAfter : lexicon.bestPairBefore;
  const code = char.charCodeAt(0);
  return Math.max(doubled, pairBonus(Math.max(best(code) ?? -Infinity, best(simplifiedCode(code)) ?? -Infinity)));
}

/**
 * How much less than its own cost a character beyond ASCII (lost bytes make no other) can cost
 * on one side in costBetween, given its neighbour's wordPairBonus on that side (`undefined`
 * without a neighbour) and its own towards the neighbour (0 if not Han): a pair inside a word
 * takes off what both allow, a pair with a character that is not Han OTHER_PAIR_BONUS at most;
 * a word cost that takes a pair's cost back leaves that side at nothing. Candidates sorted by
 * their own cost can stop at the first whose cost with the sides' bound beats none so far.
 */
export function sideBound(neighbourBonus: number | null | undefined, ownBonus: number): number {
  if (neighbourBonus === undefined) return 0;
  if (neighbourBonus === null) return -OTHER_PAIR_BONUS;
  return -Math.min(neighbourBonus, ownBonus);
}

/**
 * How often each pair of common Chinese characters, marks and digits occurs in a text, by the
 * pair's two code units. A document repeats its own words and habits of punctuation (a cache
 * model): where the general model finds two readings of a damaged place alike (要高。“綠” and
 * 要高校“綠”), the one whose pairs the rest of the document shows (。“ elsewhere) is the likelier.
 * Digits count as one (a document of dates writes 10月 and 12月: 月 after 1 is no surprise there,
 * which the general model, made from words, cannot say). Rare characters are left out: they are
 * what damage is made of.
 */
export type PairCounts = ReadonlyMap<number, number>;

/**
 * A pair's key in PairCounts, or -1 for a pair never counted (not both Chinese characters, marks
 * or digits). Rare characters have keys but are not counted (pairCounts): looking a pair up needs
 * no rarity test.
 */
function documentPairKey(first: number, second: number): number {
  const a = pairUnit(first);
  const b = pairUnit(second);
  return a >= 0 && b >= 0 ? a * 0x10000 + b : -1;
}
const DIGIT_ZERO = 0x30;
/** What a code unit counts as in pairs (every digit as 0), or -1 for one never counted. */
function pairUnit(code: number): number {
  if (code >= DIGIT_ZERO && code <= DIGIT_ZERO + 9) return DIGIT_ZERO;
  const chinese = (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code < 0x3040) || code === 0x201c || code === 0x201d;
  return chinese ? code : -1;
}
const isCommonUnit = (unit: number): boolean => unit === DIGIT_ZERO || !isRare(String.fromCharCode(unit));

export function pairCounts(text: string): PairCounts {
  const counts = new Map<number, number>();
  for (let i = 1; i < text.length; i += 1) {
    const key = documentPairKey(text.charCodeAt(i - 1), text.charCodeAt(i));
    if (key >= 0 && isCommonUnit(Math.floor(key / 0x10000)) && isCommonUnit(key % 0x10000)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The pairs of a document outside the place being judged: the document's counts less the place's own. */
export interface DocumentPairs {
  readonly document: PairCounts;
  readonly place: PairCounts;
}

/**
 * What a pair takes off for occurring elsewhere in the document. Tuned on the tune split in
 * documents (DOCUMENT=3000 bench/lossy-accuracy.mjs): 1 to 6 all help; 3 loses no byte damage,
 * and two pairs alone stay below the gain a repair needs.
 */
export const DOCUMENT_PAIR_BONUS = 3;

/** What the pair `first` `second` takes off for occurring elsewhere in the document. */
export function documentPairBonus(pairs: DocumentPairs, first: string, second: string): number {
  if (first.length !== 1 || second.length !== 1) return 0;
  const key = documentPairKey(first.charCodeAt(0), second.charCodeAt(0));
  if (key < 0) return 0;
  return (pairs.document.get(key) ?? 0) > (pairs.place.get(key) ?? 0) ? DOCUMENT_PAIR_BONUS : 0;
}

/** What all adjacent pairs of `text` take off for occurring elsewhere in the document. */
export function documentPairsBonus(pairs: DocumentPairs, text: string): number {
  let bonus = 0;
  for (let i = 1; i < text.length; i += 1) bonus += documentPairBonus(pairs, text[i - 1] as string, text[i] as string);
  return bonus;
}

/** A character only the other script uses (来 in Traditional text, 來 in Simplified) is this much less likely. */
export const OTHER_SCRIPT_COST = 3;

/** What the characters of `text` cost for being in the other script than `script` (nothing without one). */
export function otherScriptCost(text: string, script: 'simplified' | 'traditional' | 'mixed' | null): number {
  if (script !== 'simplified' && script !== 'traditional') return 0;
  let cost = 0;
  for (const char of text) {
    const own = characterScript(char);
    if (own !== null && own !== script) cost += OTHER_SCRIPT_COST;
  }
  return cost;
}

/**
 * The cost of a text: the sum of its characters' costs and of its adjacent pairs' costs, with the
 * quotations `quotes` open before it (a 」 in it may close a 「 further back).
 */
export function textCost(text: string, quotes = 0): number {
  let cost = 0;
  let previous: string | undefined;
  let beforePrevious: string | undefined;
  let third: string | undefined; // the character before beforePrevious
  const closerCost = bracketCounter(quotes);
  for (const char of text) {
    cost += charCost(char);
    if (previous !== undefined) cost += pairCost(previous, char);
    if (beforePrevious !== undefined && previous !== undefined) cost += wordCost(beforePrevious, previous, char);
    if (endsApostropheS(third, beforePrevious, previous, char)) cost -= pairCost(third as string, '’');
    third = beforePrevious;
    beforePrevious = previous;
    previous = char;
    cost += closerCost(char);
  }
  // The end of a text is the end of a line: judged as a line break after it.
  if (previous === undefined) return cost;
  if (endsApostropheS(third, beforePrevious, previous, '\n')) cost -= pairCost(third as string, '’');
  return cost + pairCost(previous, '\n');
}

/**
 * Whether `first` ’ s `after` is a letter followed by the English ’s (a possessive or plural:
 * `Ã’s` is the plural of the letter Ã), where the apostrophe is no byte of mojibake: the pair
 * before it is taken back.
 */
function endsApostropheS(first: string | undefined, apostrophe: string | undefined, s: string | undefined, after: string): boolean {
  return apostrophe === '’' && s === 's' && first !== undefined && LETTER.test(first) && !LETTER.test(after);
}
