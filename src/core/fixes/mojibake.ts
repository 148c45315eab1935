// Text decoded with the wrong codec. Each hypothesis says "bytes in encoding R were decoded as W";
// reversing it means encoding a span with W and decoding the bytes as R. The engine looks for
// spans, aligned on character boundaries, whose W-bytes decode cleanly as R and contain at least
// one multi-byte sequence, and keeps a span only when its decoding is clearly more natural (see
// _naturalness.ts). Spans, not whole lines: a document may be damaged in one phrase only, and the
// rest must come back byte for byte. A repair is lossless by construction: the bytes of the span
// are exactly what R decodes.
import { byteTable, charEncoder, decodesCleanly, decodeWith, isSingleByte, otherCode, replacementBytes, strictlyReadable, type CodecName } from '../codecs.js';
import { byCodeUnit, lazy } from '../_lazy.js';
import { LOST, type Guess } from './mark.js';
import { fillHoles, FORBIDDEN_OUTPUT, incompleteTail, isContinuation, lostBytes, sequenceLength } from './_lost-bytes.js';
import { characterScript, detectScript, scriptOfCounts } from '../_opencc.js';
import { Changes, registerFixer, type StepParams } from '../plan.js';
import { CHINESE_CLASS, costBetween, formsWord, isChinese, isRare, NOVEL_SCRIPT_COST, otherScriptCost, pairCounts, scriptOf, SPACE_FOR_A0_COST, textCost, type PairCounts } from '../_naturalness.js';
import { quotesAfter } from '../_quotes.js';

export interface Hypothesis {
  /** The codec that wrongly decoded the bytes. */
  readonly wrong: CodecName;
  /** The codec the bytes were really in. */
  readonly right: CodecName;
}

// CJK hypotheses come first: on a tie they win, and ftfy-style Latin repairs of UTF-8 fragments
// would turn GBK-as-Latin-1 text into worse mojibake.
export const HYPOTHESES: readonly Hypothesis[] = [
  { wrong: 'gbk', right: 'utf-8' },
  { wrong: 'big5', right: 'utf-8' },
  { wrong: 'shift_jis', right: 'utf-8' },
  { wrong: 'euc-kr', right: 'utf-8' },
  { wrong: 'windows-1252', right: 'gbk' },
  { wrong: 'latin-1', right: 'gbk' },
  { wrong: 'windows-1252', right: 'big5' },
  { wrong: 'latin-1', right: 'big5' },
  { wrong: 'gbk', right: 'big5' },
  { wrong: 'big5', right: 'gbk' },
  { wrong: 'windows-1252', right: 'utf-8' },
  { wrong: 'latin-1', right: 'utf-8' },
  { wrong: 'windows-1251', right: 'utf-8' },
  { wrong: 'windows-1250', right: 'utf-8' },
  { wrong: 'windows-1253', right: 'utf-8' },
  { wrong: 'windows-1254', right: 'utf-8' },
  { wrong: 'windows-1257', right: 'utf-8' },
  { wrong: 'iso-8859-2', right: 'utf-8' },
  { wrong: 'macroman', right: 'utf-8' },
  { wrong: 'cp437', right: 'utf-8' },
];

/** How many characters of a text are beyond ASCII. */
const nonAsciiCount = (text: string): number => text.match(NON_ASCII_ALL)?.length ?? 0;
/** A C1 control: no clean text holds one. */
export const C1_CONTROL = /[\u0080-\u009F]/;

/** The hypotheses between GBK and Big5. */
const BETWEEN_DOUBLE_BYTE: readonly Hypothesis[] = HYPOTHESES.filter((h) => h.right !== 'utf-8' && !isSingleByte(h.wrong));
/** The CJK codecs that UTF-8 is read through. */
const CJK_WRONG: readonly CodecName[] = HYPOTHESES.filter((h) => h.right === 'utf-8' && !isSingleByte(h.wrong)).map((h) => h.wrong);
/** The hypotheses of GBK or Big5 read through a single-byte codec. */
const DOUBLE_BYTE_THROUGH_SINGLE: readonly Hypothesis[] = HYPOTHESES.filter((h) => h.right !== 'utf-8' && isSingleByte(h.wrong));

const SINGLE_BYTE_WRONG: readonly CodecName[] = [
  ...new Set(HYPOTHESES.filter((h) => h.right === 'utf-8' && isSingleByte(h.wrong)).map((h) => h.wrong)),
];

/** How much more natural (in cost units) a decoding must be before a span is repaired. */
export const MIN_GAIN = 5;
/** Between GBK and Big5, a span must have this many characters to be judged at all (and make words: see decodeAt). */
const MIN_DOUBLE_BYTE_SPAN = 2;
/**
 * And a stretch searched for among rare characters this many (two gave 69 more exact spans of two
 * characters on the tune split, and changed 11 more lines of fortunes-zh).
 */
const MIN_DOUBLE_BYTE_RUN = 3;
/** Times a span's edges are looked at, each time past the ASCII the last cut left at an edge. */
const EDGE_ROUNDS = 2;
/**
 * GBK or Big5 read as a single-byte codec must decode to this many characters: one character from
 * two Latin-1 signs (`Ã©` as Big5 矇) is no evidence against the UTF-8 reading (é) in mixed text.
 */
const MIN_DOUBLE_BYTE_DECODED = 2;
/** A decoding of one or two characters is weak evidence: it must gain this much. */
export const MIN_GAIN_SHORT = 10;
/**
 * And this much where the text around shows it was not decoded wrongly with the span: a line that
 * other characters show was not decoded wrongly as a whole, or Chinese around Han that would
 * decode into a new script (see findSpans).
 */
const MIN_GAIN_INCONSISTENT = 2 * MIN_GAIN_SHORT;
/** The codecs whose mojibake is common enough that text damaged in places is its likeliest source. */
const COMMON_WRONG: ReadonlySet<CodecName> = new Set(['windows-1252', 'latin-1']);

/** Further layers of the same damage looked at when judging a span (three layers in all). */
const LOOKAHEAD_LAYERS = 2;

/** The most continuation bytes a UTF-8 character has. */
const MAX_CONTINUATIONS = 3;

/** Rare characters that a stretch's decoding must make common before the stretch is looked for. */
const MIN_RARE_MADE_COMMON = 2;
/**
 * Runs of mostly rare characters longer than this are not searched for a stretch (see consider in
 * findSpans): the search cost text of UTF-8 read as GBK about 10%. A run holds the clean
 * characters around a damaged stretch too: on the tune split 16 lost 27 of 292 spans of 8
 * characters (zh-cn), 32 lost 11 of 178 (zh-tw), 48 one.
 */
const LONGEST_STRETCH_RUN = 48;
/** Opening and closing punctuation (「」『』【】 ...), which a stretch's edge may leave as signs of the other codec (★ for 」). */
const BRACKET = /[\p{Ps}\p{Pe}]/u;
/** How far a bracket at a stretch's edge looks for its partner (see cheapestStretch). */
const BRACKET_REACH = 16;
/** How far around a cluster of rare characters a stretch to decode is looked for (see rareClusters in findSpans). */
const STRETCH_REACH = 4;
/** Where a character stands against the stretch being decoded (see cheapestStretch). */
const BEFORE_STRETCH = 0;
const IN_STRETCH = 1;
const AFTER_STRETCH = 2;

/** How many characters at each end of a span may be left out of it (see trimmedEdges). */
const EDGE_CHARACTERS = 3;

/** How many characters must follow a character read from its other code (see findSpans). */
const LOOKAHEAD_CHARACTERS = 4;

/** With fewer letters than this outside a span, the document gives no script context. */
const MIN_CONTEXT_LETTERS = 4;

/**
 * A byte-level recogniser for the encoding the bytes really were in: `feed` returns false on a
 * byte that cannot come next; `atBoundary` says a character just ended; `multibyte` that the
 * last character took more than one byte.
 */
interface Recogniser {
  reset(): void;
  feed(byte: number): boolean;
  /** Whether `bytes` can come next; the state stays as it was. */
  accepts(bytes: Iterable<number>): boolean;
  atBoundary(): boolean;
  lastWasMultibyte(): boolean;
}

function utf8Recogniser(): Recogniser {
  let needed = 0;
  let low = 0x80;
  let high = 0xbf;
  let multibyte = false;
  return {
    reset() {
      needed = 0;
      multibyte = false;
    },
    accepts(bytes) {
      const state = [needed, low, high, multibyte] as const;
      let ok = true;
      for (const byte of bytes) if (!(ok = this.feed(byte))) break;
      [needed, low, high, multibyte] = state;
      return ok;
    },
    feed(byte) {
      if (needed === 0) {
        multibyte = false;
        if (byte < 0x80) return true;
        multibyte = true;
        low = 0x80;
        high = 0xbf;
        if (byte >= 0xc2 && byte <= 0xdf) needed = 1;
        else if (byte >= 0xe0 && byte <= 0xef) {
          needed = 2;
          if (byte === 0xe0) low = 0xa0;
          // ED A0-BF are surrogate halves: invalid in UTF-8, but a pair of them is how CESU-8
          // (Java, MySQL's utf8) writes an emoji; decodeSpan turns pairs into characters.
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          needed = 3;
          if (byte === 0xf0) low = 0x90;
          if (byte === 0xf4) high = 0x8f;
        } else return false;
        return true;
      }
      if (byte < low || byte > high) return false;
      low = 0x80;
      high = 0xbf;
      needed -= 1;
      return true;
    },
    atBoundary: () => needed === 0,
    lastWasMultibyte: () => multibyte,
  };
}

/** ASCII that Big5 and GBK take as a trail byte. */
const isAsciiTrail = (code: number): boolean => code >= 0x40 && code <= 0x7e;

/** GBK/GB18030 (two- and four-byte) or Big5 (two-byte) as a recogniser. */
function doubleByteRecogniser(codec: 'gbk' | 'big5'): Recogniser {
  let position = 0; // bytes read of the current character
  let length = 0;
  let multibyte = false;
  const trailOk = (byte: number): boolean =>
    isAsciiTrail(byte) || (codec === 'gbk' ? byte >= 0x80 && byte <= 0xfe : byte >= 0xa1 && byte <= 0xfe);
  return {
    reset() {
      position = 0;
      multibyte = false;
    },
    accepts(bytes) {
      const state = [position, length, multibyte] as const;
      let ok = true;
      for (const byte of bytes) if (!(ok = this.feed(byte))) break;
      [position, length, multibyte] = state;
      return ok;
    },
    feed(byte) {
      if (position === 0) {
        multibyte = false;
        if (byte < 0x80) return true;
        if (byte === 0x80 || byte === 0xff) return false;
        multibyte = true;
        position = 1;
        length = 2;
        return true;
      }
      if (position === 1) {
        if (codec === 'gbk' && byte >= 0x30 && byte <= 0x39) {
          length = 4;
          position = 2;
          return true;
        }
        if (!trailOk(byte)) return false;
        position = 0;
        return true;
      }
      const ok = position === 2 ? byte >= 0x81 && byte <= 0xfe : byte >= 0x30 && byte <= 0x39;
      if (!ok) return false;
      position = position + 1 === length ? 0 : position + 1;
      return true;
    },
    atBoundary: () => position === 0,
    lastWasMultibyte: () => multibyte,
  };
}

function recogniserFor(codec: CodecName): Recogniser {
  if (codec === 'utf-8') return utf8Recogniser();
  if (codec === 'gbk' || codec === 'gb18030') return doubleByteRecogniser('gbk');
  if (codec === 'big5') return doubleByteRecogniser('big5');
  throw new RangeError(`no recogniser for ${codec}`);
}

/**
 * UTF-8 with each CESU-8 surrogate pair (ED A0-AF xx ED B0-BF xx, six bytes for one character
 * beyond the Basic Multilingual Plane) written as the four bytes UTF-8 has for it.
 */
function fromCesu8(bytes: Uint8Array): Uint8Array {
  if (bytes.indexOf(0xed) < 0) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const [a, b, c, d, e, f] = bytes.subarray(i, i + 6);
    if (a === 0xed && b !== undefined && b >= 0xa0 && b <= 0xaf && d === 0xed && e !== undefined && e >= 0xb0 && e <= 0xbf && c !== undefined && f !== undefined) {
      const high = 0xd800 + ((b & 0x0f) << 6) + (c & 0x3f);
      const low = 0xdc00 + ((e & 0x0f) << 6) + (f & 0x3f);
      out.push(...Buffer.from(String.fromCharCode(high, low), 'utf8'));
      i += 5;
    } else out.push(bytes[i] as number);
  }
  return Uint8Array.from(out);
}

/**
 * Decode strictly, or `null` on a byte the codec rejects. With `cuts` (UTF-8 only: the byte
 * offsets where bytes were lost by `wrong`, a `strict` decoder or not), the bytes are decoded
 * across the holes instead: see decodeAcrossHoles.
 */
function decodeSpan(bytes: Uint8Array, codec: CodecName, cuts: readonly number[] = [], wrong?: CodecName, strict = false): string | null {
  if (cuts.length > 0) return decodeAcrossHoles(bytes, cuts, (next) => lostBytes(wrong, next, strict));
  if (codec === 'utf-8') bytes = fromCesu8(bytes);
  // Most candidates fail to decode: a replacing decoder and a look for U+FFFD cost far less than
  // the exception a fatal decoder throws. Only bytes that spell U+FFFD themselves need the latter.
  const text = decodeWith(bytes, codec);
  if (!text.includes(REPLACEMENT)) return text;
  const spelled = replacementBytes(codec);
  if (!spelled || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(spelled) < 0) return null;
  return decodesCleanly(bytes, codec) ? text : null;
}

const REPLACEMENT = LOST;
const MARK_RUNS = /\uFFFD+/g;
const NO_BYTES = new Uint8Array(0);
// Chinese text also punctuates with marks of General Punctuation (‘’“” —— …… and the · of foreign
// names), which GBK and Big5 code among their own full-width ones.
const CHINESE_GENERAL_PUNCTUATION = '‘’“”—…·';
// A decoding that brings them back is no foreign text.
const NOT_CHINESE = new RegExp(`[^\\u0000-\\u007F\\uFFFD${CHINESE_CLASS}${CHINESE_GENERAL_PUNCTUATION}]`, 'gu');
/** Characters of `text` that are neither ASCII, Chinese (with its punctuation) nor marks of lost bytes. */
const foreignCount = (text: string): number => text.match(NOT_CHINESE)?.length ?? 0;
const PUNCTUATION_BESIDE_DAMAGE = new Set([...CHINESE_GENERAL_PUNCTUATION, ...'„–•«»¿¡€\u00A0']);

/** Bytes a character whose lead byte was lost is taken to have had (see decodeAcrossHoles). */
const CHINESE_SEQUENCE_LENGTH = 3;

/**
 * UTF-8 with bytes lost at each cut: every character a hole broke becomes one U+FFFD. UTF-8 marks
 * where characters start, so the text between holes decodes by itself; `lostAt` says how many
 * bytes a hole lost (given the byte after it), which says whether the hole only finished the
 * character broken before it or took the start of another. Continuation bytes just after a hole
 * belong to the character it broke last, whose mark they share.
 */
function decodeAcrossHoles(bytes: Uint8Array, cuts: readonly number[], lostAt: (next: number | undefined) => number): string {
  let out = '';
  let from = 0;
  // Bytes the last broken character still lacks.
  let open = 0;
  [...cuts, bytes.length].forEach((to, i) => {
    if (i > 0) {
      let lost = lostAt(from < to ? bytes[from] : undefined);
      const used = Math.min(open, lost);
      open -= used;
      lost -= used;
      if (lost > 0) {
        out += REPLACEMENT;
        // A character whose lead byte was lost is taken for three bytes, as Chinese characters
        // and marks are: a hole right after it may have broken the next one (a browser's Big5
        // reads 「工 as two marks and 極: E3 80, 8C E5 and B7 A5).
        open = CHINESE_SEQUENCE_LENGTH - lost;
      }
    }
    let start = from;
    while (start < to && isContinuation(bytes[start])) start += 1;
    if (start > from && open === 0) out += REPLACEMENT;
    if (start < to) {
      const tail = incompleteTail(bytes, start, to);
      // Only the end of a segment can be broken (the hole cut it): one mark for it.
      out += decodeWith(fromCesu8(bytes.subarray(start, to)), 'utf-8').replace(MARK_RUNS, REPLACEMENT);
      open = tail < to ? sequenceLength(bytes[tail] as number) - (to - tail) : 0;
    } else if (start > from) open = 0;
    from = to;
  });
  return out;
}

/**
 * Encode a span with the wrong codec, or `null` if a character has no bytes in it. With `holes`,
 * U+FFFD (bytes the wrong decoder rejected) encodes to nothing: UTF-8 resynchronises by itself,
 * so the characters around a hole still decode and the broken one becomes U+FFFD.
 */
function encodeSpan(
  text: string,
  codec: CodecName,
  holes = false,
  overrides?: ReadonlyMap<number, Uint8Array>,
  cuts?: number[],
): Uint8Array | null {
  const encode = charEncoder(codec);
  const parts: Uint8Array[] = [];
  let length = 0;
  let offset = 0;
  for (const char of text) {
    const bytes = overrides?.get(offset) ?? (holes && char === REPLACEMENT ? NO_BYTES : encode(char));
    offset += char.length;
    if (!bytes) return null;
    if (bytes.length === 0) cuts?.push(length);
    parts.push(bytes);
    length += bytes.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly decoded: string;
  readonly gain: number;
  /**
   * Bytes the span's text no longer shows, by offset in the document: a space that stood for
   * byte A0 (or A0 then a space), or a byte the wrong decoder rejected (U+FFFD) recovered from
   * context. Each replaces the bytes of the character at that offset.
   */
  readonly restored: readonly Restored[];
  /** Each character recovered from lost bytes, with the margin of that guess. */
  readonly guesses: readonly Guess[];
}

export type Restored = readonly [offset: number, bytes: readonly number[]];

// A space where UTF-8 needed a continuation byte may stand for A0, which Latin-1 reads as a
// no-break space and many tools turn into a space (ftfy's restore_byte_a0). After Ã (byte C3)
// the word à was usually followed by a real space too, which stays, unless what follows spells
// the rest of a word that begins with à: Portuguese contracts à with the article and with aquele,
// aquela, aquilo (às, àquele, àquelas); no other language here writes à at a word's start, and
// an elided word is French (`à s'éloigner`).
const A0 = Uint8Array.of(0xa0);
const A0_SPACE = Uint8Array.of(0xa0, 0x20);
const AFTER_INITIAL_GRAVE_A = /^(?:s|quel[ae]s?|quilo)(?![\p{L}'’])/u;

/**
 * Whether a space after the byte `before` can stand for A0. After C2 it was a no-break space,
 * after C3 the word à; any other character made with A0 is a letter inside a word (`Ð Ñ` for Ру),
 * so a space before a digit, a mark or the end of a line is a space (`≈ 1.77`).
 */
function spaceCanBeA0(before: number | undefined, next: string | undefined): boolean {
  if (before === 0xc2 || before === 0xc3) return true;
  return next !== undefined && (next.charCodeAt(0) >= ASCII_CODE_LIMIT || scriptOf(next) === 'ascii');
}
const isLatin = (char: string): boolean => {
  const script = scriptOf(char);
  return script === 'ascii' || script === 'latin';
};

/**
 * A lost byte is recovered only when its best candidate is at least this much more natural than
 * the next (a likelihood about 7 times higher); otherwise the character stays marked. Tuned on
 * the tune split (bench/lossy-accuracy.mjs).
 */
export const GUESS_MARGIN = 2;
/** How many times `bytes` spell U+FFFD in `codec`. */
function spelledMarks(bytes: Uint8Array, codec: CodecName): number {
  const spelled = replacementBytes(codec);
  if (!spelled) return 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buffer.indexOf(spelled); at >= 0; at = buffer.indexOf(spelled, at + spelled.length)) count += 1;
  return count;
}

/** Span length times holes, at most, for the holes of a span to be filled (each fill copies the span's bytes). */
const MAX_GUESS_WORK = 400_000;

const NON_ASCII = /[^\u0000-\u007F]/;
const NON_ASCII_ALL = /[^\u0000-\u007F]/gu;
const ASCII_CODE_LIMIT = 0x80;

/**
 * Spans of `text` that hypothesis `h` would repair, each with its decoding and its gain in
 * naturalness. Linear in the length of the text: a failed character is re-read at most once
 * per byte of a multi-byte sequence.
 */
/** Which scripts a text (a document, a line, a span) holds, with how many letters of each. */
export interface DocumentContext {
  readonly scriptCounts: ReadonlyMap<string, number>;
  readonly letters: number;
}

// Symbols and signs of no script (£ ¼ ✔ ➋ ˃), which a wrong decoding of Han makes as readily as
// letters: each counted beside the scripts as one of its own (a document with £ need not hold
// ✔), not as a letter (they give no context). U+FFFD marks a loss, not a symbol.
const SYMBOL = /[\p{S}\p{No}]/u;
const isSymbol = (char: string): boolean => char !== REPLACEMENT && SYMBOL.test(char);
/** A letter beyond ASCII (é, kana, Cyrillic ...) or a box-drawing sign: neither Han, ASCII nor punctuation. */
const isOtherAlphabet = (char: string): boolean => !['han', 'ascii', undefined].includes(scriptOf(char));
const ALPHANUMERIC = /^[A-Za-z0-9]$/;
const ASCII_LETTER = /[A-Za-z]/;
const LETTER = /\p{L}/u;
/**
 * A sign (no letter) that two bytes make as UTF-8, U+0080-U+07FF: what a clean GBK character whose
 * lead byte is C2 makes beside damage (录 is C2 BC, ¼ in UTF-8; 路 a middle dot).
 */
const isTwoByteSign = (char: string): boolean => {
  const code = char.codePointAt(0) as number;
  return code >= 0x80 && code < 0x800 && !LETTER.test(char);
};
/** Nothing, or an ASCII digit or sign (no letter, no space): no word of another script beside a span. */
const isPlainEdge = (char: string): boolean => char === '' || (char.charCodeAt(0) < 0x80 && !ASCII_LETTER.test(char) && char.trim() !== '');
// Scripts whose letters are known one by one (see novelty): the alphabets, and the letters of no
// script scriptOf names (ℝ says nothing of ˢ).
const KNOWN_BY_LETTER: ReadonlySet<string> = new Set(['latin', 'greek', 'cyrillic', 'other']);

/**
 * The scripts, letters and symbols a text holds. Characters that read as a UTF-8 sequence through
 * a single-byte codec (a lead byte's character and the continuation bytes' after it: `âœ“`, `Å‚`)
 * are left out: they are what the search judges, and in a document damaged throughout, other
 * copies of the damage would make its letters look like the document's (of two lines of `âœ“`,
 * neither came back, where one alone did).
 */
export function documentContext(text: string): DocumentContext {
  // A text of one line is asked for as the document, as its line and for its line's key.
  if (text === lastContext?.text) return lastContext.context;
  const scriptCounts = new Map<string, number>();
  // The common cases (ASCII, the main Han block) are counted without building a string.
  let ascii = 0;
  let han = 0;
  let letters = 0;
  // Whether the characters before were a UTF-8 sequence so far.
  let inSequence = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) ascii += 1;
      inSequence = false;
      continue;
    }
    if (code >= 0x4e00 && code <= 0x9fff) {
      han += 1;
      inSequence = false;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) as number);
    inSequence = readsInSequence(text, i, char, inSequence);
    i += char.length - 1;
    if (inSequence) continue;
    const script = scriptOf(char);
    if (script) {
      scriptCounts.set(script, (scriptCounts.get(script) ?? 0) + 1);
      letters += 1;
      if (KNOWN_BY_LETTER.has(script)) {
        const letter = char.toLowerCase();
        scriptCounts.set(letter, (scriptCounts.get(letter) ?? 0) + 1);
      }
    } else if (isSymbol(char)) scriptCounts.set(char, (scriptCounts.get(char) ?? 0) + 1);
  }
  if (ascii > 0) scriptCounts.set('ascii', (scriptCounts.get('ascii') ?? 0) + ascii);
  if (han > 0) scriptCounts.set('han', (scriptCounts.get('han') ?? 0) + han);
  const context = { scriptCounts, letters: letters + ascii + han };
  lastContext = { text, context };
  return context;
}
let lastContext: { readonly text: string; readonly context: DocumentContext } | undefined;

/**
 * Whether `char`, at `at` in `text`, reads as part of a UTF-8 sequence through a single-byte codec:
 * a lead byte's character before a continuation byte's, or a continuation byte's after such.
 * `before`: whether the character before did.
 */
function readsInSequence(text: string, at: number, char: string, before: boolean): boolean {
  // No single-byte table holds a character beyond the Basic Multilingual Plane.
  if (char.length > 1) return false;
  const byteClass = flagsAt(char.charCodeAt(0));
  if (before && (byteClass & UTF8_CONTINUATION) !== 0) return true;
  if ((byteClass & UTF8_LEAD) === 0 || at + 1 >= text.length) return false;
  const next = text.charCodeAt(at + 1);
  return (next < 0xd800 || next >= 0xe000) && (flagsAt(next) & UTF8_CONTINUATION) !== 0;
}

/**
 * The most characters in a row taken for accented letters read through a CJK codec inside a word
 * (Dvořák read as GBK is Dvo艡谩k): longer runs between ASCII words are Chinese (Linux系统下的Python).
 */
const MAX_LETTERS_IN_WORD_RUN = 3;

const isCommonChinese = (char: string): boolean => isChinese(char) && !isRare(char);
const isAsciiLetterCode = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** Whether a CJK codec reads `char` from the two bytes of a UTF-8 sequence (an accented letter). */
const mayBeLetterReadAsCjk = (char: string): boolean => char.length === 1 && (flagsAt(char.charCodeAt(0)) & CJK_READ_TWO_BYTE_UTF8) !== 0;

/**
 * Whether `chars[i]` stands in a run of at most MAX_LETTERS_IN_WORD_RUN characters a CJK codec may
 * have read from accented letters (mayBeLetterReadAsCjk) with an ASCII letter on each side.
 */
function insideLatinWord(chars: readonly string[], i: number): boolean {
  if (!mayBeLetterReadAsCjk(chars[i] as string)) return false;
  let start = i;
  while (i - start < MAX_LETTERS_IN_WORD_RUN && start > 0 && mayBeLetterReadAsCjk(chars[start - 1] as string)) start -= 1;
  let end = i + 1;
  while (end - start <= MAX_LETTERS_IN_WORD_RUN && end < chars.length && mayBeLetterReadAsCjk(chars[end] as string)) end += 1;
  return end - start <= MAX_LETTERS_IN_WORD_RUN && isAsciiLetter(chars[start - 1]) && isAsciiLetter(chars[end]);
}
/** Signs that begin units written after a number (µm, °C). */
const UNIT_PREFIXES: ReadonlySet<string> = new Set(['µ', '°']);
const isAsciiLetter = (char: string | undefined): boolean => char !== undefined && char.length === 1 && isAsciiLetterCode(char.charCodeAt(0));

/** Whether a text (a span as it stands) is made of Han alone among its letters. */
const isHanAlone = ({ scriptCounts, letters }: DocumentContext): boolean => scriptCounts.get('han') === letters;

/**
 * Whether an ASCII letter stands right before or after `text[from, to)`; at the text's edges,
 * `letterBefore` and `letterAfter` say what stands beside the text itself.
 */
function touchesAsciiLetter(text: string, from: number, to: number, letterBefore: boolean, letterAfter: boolean): boolean {
  return (from === 0 ? letterBefore : isAsciiLetter(text[from - 1])) || (to === text.length ? letterAfter : isAsciiLetter(text[to]));
}

/** Where a span stands, for novelty. */
interface Place {
  /** What the span's line holds. */
  readonly line: DocumentContext;
  /** Whether ASCII letters, digits or signs stand beside the span. */
  readonly besideWordOrSign: boolean;
  /** Whether Chinese characters stand on both sides of it. */
  readonly amidChinese: boolean;
  /** Whether an ASCII letter stands right before it, and right after it. */
  readonly asciiLetterBefore: boolean;
  readonly asciiLetterAfter: boolean;
  /** Whether what cp1252 or Latin-1 reads of a high byte stands beside it (GBK or Big5 so read: ÈÏÎ). */
  readonly besideHighByte: boolean;
}

/** Costs of texts at a place, per document context (see findSpans). */
const judgedCosts = new WeakMap<DocumentContext, Map<string, number>>();

/** A text's code points, and where each starts: `offsets[i]` is the UTF-16 offset of `chars[i]`. */
interface CodePoints {
  readonly chars: readonly string[];
  readonly offsets: readonly number[];
}

function codePoints(text: string): CodePoints {
  const chars = Array.from(text);
  const offsets: number[] = new Array(chars.length + 1);
  let offset = 0;
  chars.forEach((char, i) => {
    offsets[i] = offset;
    offset += char.length;
  });
  offsets[chars.length] = offset;
  return { chars, offsets };
}

/** Characters of one script a line needs outside a span to say which script the span should read as. */
const MIN_SCRIPT_EVIDENCE = 3;

/** A line of the text findSpans searches: its bounds (UTF-16 offsets) and what it holds. */
interface LineFacts {
  readonly start: number;
  readonly end: number;
  readonly context: DocumentContext;
}
/** Characters from U+2E80 on: only they can belong to one script (characterScript). */
const MAY_HAVE_SCRIPT = /[^\u0000-\u2e7f]/;

/**
 * For each offset of `text` from `start` to `end` (at 2·(offset - start)): how many characters
 * before it only Traditional uses, then only Simplified. Counted when first needed (most lines
 * decode to no Chinese).
 */
function scriptCountsBefore(text: string, start: number, end: number): Int32Array {
  // Every hypothesis searches the same line in turn: its counts are kept for the next.
  if (lastScriptCounts && lastScriptCounts.text === text && lastScriptCounts.start === start && lastScriptCounts.end === end) return lastScriptCounts.counts;
  const counts = new Int32Array(2 * (end - start + 1));
  for (let at = start; at < end; at += 1) {
    const script = characterScript(text[at] as string);
    const i = 2 * (at - start);
    counts[i + 2] = (counts[i] as number) + (script === 'traditional' ? 1 : 0);
    counts[i + 3] = (counts[i + 1] as number) + (script === 'simplified' ? 1 : 0);
  }
  lastScriptCounts = { text, start, end, counts };
  return counts;
}
let lastScriptCounts: { readonly text: string; readonly start: number; readonly end: number; readonly counts: Int32Array } | undefined;

/**
 * What lost bytes are guessed with beyond their neighbours, from the document as the spans of the
 * chosen hypothesis decode it (see fillHoles): the pairs it shows, and the quotations open in its
 * line before each span (by the span's offset in the document; see _quotes.ts).
 */
export interface GuessContext {
  readonly documentPairs: PairCounts;
  readonly openQuotes: ReadonlyMap<number, number>;
}
const WITHOUT_CONTEXT: GuessContext = { documentPairs: new Map(), openQuotes: new Map() };

/** How a span's lost bytes are guessed later, once the document is known: by the span's start. */
type GuessLater = Map<number, (context: GuessContext) => Span>;

/**
 * Spans of `text` (one line, at `base` in the document) that hypothesis `h` would repair, each
 * with its decoding and its gain in naturalness; lost bytes guessed with `guessWith`, or left
 * marked with null (and then, with `guessLater`, how to guess them later put there); holes read
 * as a `strict` decoder (Python's) left them, one byte each (see readsStrictly). Linear in the
 * length of the line: a failed character is re-read at most once per byte of a multi-byte
 * sequence.
 */
export function findSpans(
  text: string,
  h: Hypothesis,
  context: DocumentContext = documentContext(text),
  base = 0,
  { chars, offsets }: CodePoints = codePoints(text),
  guessWith: GuessContext | null = WITHOUT_CONTEXT,
  guessLater?: GuessLater,
  strict = false,
): Span[] {
  if (!NON_ASCII.test(text)) return [];
  const encode = charEncoder(h.wrong);
  const encodeCp1252 = charEncoder('windows-1252');
  const recogniser = recogniserFor(h.right);
  // Further layers are peeled with the same codec, or, for UTF-8 read as a single-byte codec,
  // with any single-byte codec: such layers mix (cp1251 over cp1252 in Г‚ВЈ for £).
  const throughSingleByte = h.right === 'utf-8' && isSingleByte(h.wrong);
  // Only where byte A0 reads as a no-break space can a space stand for it (not in Mac OS Roman, †).
  const spaceForA0 = throughSingleByte && byteTable(h.wrong)[0xa0] === '\u00A0';
  const peelers = throughSingleByte ? SINGLE_BYTE_WRONG : [h.wrong];
  // Between GBK and Big5 (both hold Chinese) each character maps to one character.
  const betweenDoubleByte = h.right !== 'utf-8' && !isSingleByte(h.wrong);
  /** The layers the hypothesis' codecs peel off a decoded `layer`, and those the layer shows it holds. */
  const peeledLayers = (layer: string): string[] => {
    const found: string[] = [];
    /**
     * Peel with `wrong` and `right` where `accepts` the layer under; with `openEnd`, a last lead
     * byte may have lost its trail byte.
     */
    const peel = (wrong: CodecName, right: CodecName, accepts: (peeled: string) => boolean = () => true, openEnd = false): void => {
      const bytes = encodeSpan(layer, wrong);
      if (!bytes) return;
      const whole = decodeSpan(bytes, right);
      // A lead byte whose trail byte was left outside stays as it reads, unless that is a control
      // character (no output holds one): the next round reads the two together.
      const allButLast = whole === null && openEnd ? decodeSpan(bytes.subarray(0, -1), right) : null;
      const last = layer.slice(-1);
      const peeled = whole ?? (allButLast === null ? null : allButLast + (FORBIDDEN_OUTPUT.test(last) ? '' : last));
      if (peeled && peeled !== layer && accepts(peeled)) found.push(peeled);
    };
    for (const wrong of peelers) peel(wrong, h.right);
    if (h.right === 'utf-8') {
      const suspected = suspicion(layer, 0, layer.length);
      // Damage of another family under this one decodes first to what that family made. UTF-8
      // read through a single-byte codec and then through a CJK one (氓聫聵 for 变: å\u008f\u0098,
      // then GBK), or the reverse (鏂 for the first two bytes of 新, then Latin-1), is peeled
      // with the other's codecs.
      if (suspected.utf8 && !throughSingleByte) for (const wrong of SINGLE_BYTE_WRONG) peel(wrong, 'utf-8');
      if (suspected.cjk && throughSingleByte) for (const wrong of CJK_WRONG) peel(wrong, 'utf-8');
      // So is GBK or Big5 read through a single-byte codec (Äú for 您 in GBK), whose last lead
      // byte may have had an ASCII trail byte that the span left outside (。 is A1 43 in Big5),
      // where it decodes to MIN_DOUBLE_BYTE_DECODED characters: one is no evidence of a layer
      // under a layer (under 翹翹 read through Big5, ¼¼ is no 技).
      const enough = (peeled: string): boolean => nonAsciiCount(peeled) >= MIN_DOUBLE_BYTE_DECODED;
      if (suspected.doubleByte) for (const other of DOUBLE_BYTE_THROUGH_SINGLE) peel(other.wrong, other.right, enough, true);
    }
    // Big5 read as GBK (or the reverse) and then damaged again decodes first to rare characters
    // of the one codec (眤 for 您, 砞 for 設): such a layer is read back through the other where
    // the next round could take that reading (see decodeAt). Not through the codec the layer was
    // decoded with: those are the layer's own bytes, which another hypothesis decodes in one step
    // (¸Õºâ is 試算 through Big5, not 刚衡 and then Big5).
    if (!betweenDoubleByte && isMostlyRare(rareCounts(layer)) && nonAsciiCount(layer) >= MIN_DOUBLE_BYTE_SPAN) {
      const repairs = (peeled: string): boolean => foreignCount(peeled) <= foreignCount(layer) && restoresWords(layer, peeled);
      for (const other of BETWEEN_DOUBLE_BYTE) if (other.wrong !== h.right) peel(other.wrong, other.right, repairs);
    }
    return found;
  };
  const overrides = new Map<number, Uint8Array>();
  // Only UTF-8 can be decoded across lost bytes: it marks where every character starts.
  const holes = h.right === 'utf-8' && text.includes(REPLACEMENT);

  const { scriptCounts, letters } = context;
  /**
   * What a span's decoding costs for scripts the rest of the document (all but `own`, the span as
   * it stands) does not hold, given where the span stands.
   */
  const novelty = (span: string, ownContext: DocumentContext, { line, besideWordOrSign, amidChinese, besideHighByte, asciiLetterBefore, asciiLetterAfter }: Place): number => {
    const { scriptCounts: own, letters: ownLetters } = ownContext;
    // A text too short to give context (a name, a label) is its own: decoding Han that stands
    // alone into other scripts (叻丕府 -> ߷ا府, 盧薩語 -> ḎF語) is as surprising as into scripts a
    // document lacks. (Russian through GBK is Han too, and pays once in a long gain.)
    const short = letters - ownLetters < MIN_CONTEXT_LETTERS;
    const hanAlone = isHanAlone(ownContext);
    if (short && !hanAlone) return 0;
    const outside = (script: string): number => (scriptCounts.get(script) ?? 0) - (own.get(script) ?? 0);
    const known = (script: string): boolean => (short ? script === 'han' || own.has(script) : outside(script) > 0);
    // A word in a foreign script is one surprise, not one per letter: count scripts. Han decoded
    // into symbols found nowhere else is as surprising as into letters of a new script (翹翹 ->
    // ¼¼, 瞿瞿 -> ££ through Big5, 胡笳 -> ◗[ through Shift_JIS). Letters of alphabets (or of no
    // named script: ℝ, ˢ) that Han decodes into apart from any word of ASCII letters (Z眉rich is
    // Zürich) are pinyin's or a name's: only the same letter elsewhere makes one known (ǐ in a
    // gloss does not make 膴膴 -> ĊĊ through GBK, nor π in a formula 佗佗 -> ίί, nor ℝ 芃芃 -> ˢˢ).
    // So are the letters of a span judged as UTF-8 read through a single-byte codec (Ð¸ for и),
    // apart from other high bytes so read (Ä¬ÈÏÎ is GBK's 默认): the document context leaves
    // such out, and ß elsewhere says nothing of Ð.
    const novel = new Map<string, number>();
    let inSequence = false;
    for (let at = 0; at < span.length; at += 1) {
      const char = String.fromCodePoint(span.codePointAt(at) as number);
      inSequence = throughSingleByte && !besideHighByte && readsInSequence(span, at, char, inSequence);
      at += char.length - 1;
      const script = scriptOf(char) ?? (hanAlone && isSymbol(char) ? char : undefined);
      if (!script || script === 'ascii') continue;
      // A Latin letter that a CJK codec's character decodes into, touching ASCII letters,
      // continues their word (München read as GBK is M眉nchen): the word, not the document, says
      // which alphabet it is in. (Through a single-byte codec both readings are such letters,
      // AHÅ™ and AHř: there the document says.)
      if (script === 'latin' && !isSingleByte(h.wrong) && touchesAsciiLetter(span, at - char.length + 1, at + 1, asciiLetterBefore, asciiLetterAfter)) continue;
      const byLetter = KNOWN_BY_LETTER.has(script) && (inSequence || (hanAlone && !besideWordOrSign));
      if (!known(byLetter ? char.toLowerCase() : script)) novel.set(script, (novel.get(script) ?? 0) + 1);
    }
    let cost = novel.size * NOVEL_SCRIPT_COST;
    if (short) return cost;
    // Han read as damage amid Chinese (between Chinese characters, or in a line written in Han):
    // there letters of a script found nowhere else are twice the surprise (classical Chinese,
    // rare to a modern word list, is not mojibake of ڌڌ or ίί).
    const lineInHan = ((line.scriptCounts.get('han') ?? 0) - ownLetters) * 2 > line.letters - ownLetters;
    if (hanAlone && (amidChinese || lineInHan)) cost *= 2;
    // Text written mostly in ASCII letters (English, French without its accents so far) meets
    // accented letters in names and loanwords (Zürich, café), and lone Greek letters as symbols
    // of science beside letters, digits or signs (IL2Rγ, √π): half a surprise, and none.
    if (outside('ascii') * 2 > letters - ownLetters) {
      if (novel.has('latin')) cost -= NOVEL_SCRIPT_COST / 2;
      if (novel.get('greek') === 1 && besideWordOrSign) cost -= NOVEL_SCRIPT_COST;
    }
    return cost;
  };

  // What each line holds, worked out once: spans are decoded from left to right.
  let line: LineFacts | undefined;
  const lineAt = (at: number): LineFacts => {
    if (line && at >= line.start && at <= line.end) return line;
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    line = { start, end, context: documentContext(text.slice(start, end)) };
    return line;
  };
  // The quotations open in the line before each offset (see _quotes.ts), worked out once for a
  // line where a span is judged: a 」 a span decodes to may close a 「 further back.
  let lineQuotes: { readonly line: LineFacts; readonly states: Uint8Array } | undefined;
  const quotesBefore = (at: number): number => {
    const facts = lineAt(at);
    if (lineQuotes?.line !== facts) {
      const states = new Uint8Array(facts.end - facts.start + 1);
      let quotes = 0;
      for (let i = facts.start; i < facts.end; i += 1) {
        states[i - facts.start] = quotes;
        quotes = quotesAfter(text[i] as string, quotes);
      }
      states[facts.end - facts.start] = quotes;
      lineQuotes = { line: facts, states };
    }
    return lineQuotes.states[at - facts.start] as number;
  };
  /**
   * The script the Chinese of the line around characters `from` to `to` (UTF-16 offsets) is
   * written in, without them (their mojibake may be Han of either script): `null` where fewer
   * than MIN_SCRIPT_EVIDENCE characters say.
   */
  const scriptAround = ({ start, end }: LineFacts, from: number, to: number): 'simplified' | 'traditional' | 'mixed' | null => {
    const scriptsBefore = scriptCountsBefore(text, start, end);
    const count = (kind: number, a: number, b: number): number => (scriptsBefore[2 * (b - start) + kind] as number) - (scriptsBefore[2 * (a - start) + kind] as number);
    const traditional = count(0, start, end) - count(0, from, to);
    const simplified = count(1, start, end) - count(1, from, to);
    return traditional + simplified < MIN_SCRIPT_EVIDENCE ? null : scriptOfCounts(traditional, simplified);
  };

  // boundary[i]: the recogniser was between characters after reading the i-th character. An
  // ASCII character is only a character of its own there (Big5 and GBK trail bytes include ASCII).
  const boundary = new Uint8Array(chars.length);
  const isAscii = (i: number): boolean => (chars[i] as string).charCodeAt(0) < ASCII_CODE_LIMIT;
  // A span right after a high byte that no character took lies inside a garble whose start is
  // lost: decoding a few characters of it makes the garble worse (ftfy's lookbehind in
  // decode_inconsistent_utf8). UTF-8 finds its own boundaries, so there only a continuation byte
  // is such a byte (through the hypothesis' codec or cp1252, whose mojibake is the commonest);
  // GBK and Big5 do not, so there any high byte is, and the span may be paired out of step too.
  // The punctuation of running text (and €) stands whole beside damage in text damaged in places
  // (`l’Ã©galitÃ©`), and a C1 control is what Latin-1 made of a byte of an outer layer, which a
  // later round peels (`â\u0080â\u0080\u009c`): neither is a sign of a garble.
  const isHighByte = (bytes: Uint8Array | null): boolean => bytes?.length === 1 && (bytes[0] as number) >= ASCII_CODE_LIMIT;
  const isIntactHighByte = (char: string): boolean => !PUNCTUATION_BESIDE_DAMAGE.has(char) && isHighByte(encode(char));
  const isStrayByte = (char: string): boolean => {
    const code = char.charCodeAt(0);
    if (PUNCTUATION_BESIDE_DAMAGE.has(char) || (code >= 0x80 && code < 0xa0)) return false;
    const readings = [encode(char), encodeCp1252(char)];
    return h.right === 'utf-8' ? readings.some((bytes) => bytes?.length === 1 && isContinuation(bytes[0])) : readings.some(isHighByte);
  };
  // Mojibake is made of rare characters, and of characters out of place: CJK characters inside a
  // word of ASCII letters (Krak贸w is Kraków read as GBK; 贸 is common in 贸易).
  const isOddHere = (i: number): boolean => isRare(chars[i] as string) || insideLatinWord(chars, i);
  const oddCounts = (from: number, to: number): { rare: number; other: number } => rareCounts(chars.slice(from, to), (_, at) => isOddHere(from + at));
  const spans: Span[] = [];
  // Spans that a line which the wrong decoder cannot have made whole would not carry (see below).
  const weakSpans = new Set<number>();
  const decodable = new Uint8Array(chars.length);
  /**
   * Characters `a` to `b` as the bytes the wrong codec wrote (holes cut out at `cuts`, the bytes
   * restored for spaces and lost bytes as `rangeOverrides`, by offset in the range), and decoded.
   */
  const encodeRange = (a: number, b: number) => {
    const at = offsets[a] as number;
    const rangeOverrides = new Map<number, Uint8Array>();
    for (let i = a; i < b; i += 1) {
      const override = overrides.get(i);
      if (override) rangeOverrides.set((offsets[i] as number) - at, override);
    }
    const cuts: number[] = [];
    const bytes = encodeSpan(text.slice(at, offsets[b]), h.wrong, holes, rangeOverrides, cuts);
    return { rangeOverrides, cuts, bytes, decoded: bytes && decodeSpan(bytes, h.right, cuts, h.wrong, strict) };
  };
  const decodeRange = (a: number, b: number): string | null => encodeRange(a, b).decoded;
  /** Whether characters `a` to `b` are read as they stand: no hole, no byte restored. */
  const asTheyStand = (a: number, b: number): boolean => {
    for (let i = a; i < b; i += 1) if (overrides.has(i) || chars[i] === REPLACEMENT) return false;
    return true;
  };
  // Only an edge that decodes to something odd (a rare character, a letter of another script than
  // Han; in trimmedEdges also a sign from Han, isTwoByteSign) and stands in Han or ASCII is looked
  // at: between two Han readings the context is too short.
  const oddAgainst = (decoded: string, asIs: string): boolean => {
    return [...decoded].some((char) => isRare(char) || isOtherAlphabet(char)) && ![...asIs].some(isOtherAlphabet);
  };
  // A span runs on while the bytes decode, and a clean character beside mojibake may decode too
  // (位 is CE BB in GBK, which UTF-8 reads as λ): an edge of up to EDGE_CHARACTERS that reads
  // better as it stands, beside the rest decoded, is left out, cut where the right codec is
  // between characters (so the rest decodes to what it did), outside the span's holes.
  // As for a whole span, a letter of a script, or a symbol, that the document holds nowhere is a
  // surprise at an edge: here one that the two bytes of a clean double-byte character make as
  // UTF-8 (侃 -> ٩, 楼 -> ¥), below U+0800. (A longer sequence is more likely the damage's own: ｵ
  // of Shift_JIS mojibake.)
  const isNovelAtEdge = (char: string): boolean => {
    if ((char.codePointAt(0) as number) >= 0x800) return false;
    if (isOtherAlphabet(char)) return !scriptCounts.has(scriptOf(char) as string);
    return isSymbol(char) && !scriptCounts.has(char);
  };
  const trimmedEdges = (from: number, to: number): [number, number] => {
    if (isSingleByte(h.wrong) || h.right !== 'utf-8') return [from, to];
    // The cheap look first: edges that decode to something odd, and Chinese text after the last
    // mark; most spans have neither, and are not decoded again.
    const oddEdges = (cuts: readonly number[], keptBefore: boolean): [number, string][] =>
      cuts.flatMap((cut): [number, string][] => {
        const [a, b] = keptBefore ? [cut, to] : [from, cut];
        if (boundary[cut - 1] !== 1 || !asTheyStand(a, b)) return [];
        const piece = decodeRange(a, b);
        if (piece === null) return [];
        const asIs = text.slice(offsets[a], offsets[b]);
        return oddAgainst(piece, asIs) || ([...piece].some(isTwoByteSign) && isHanAlone(documentContext(asIs))) ? [[cut, piece]] : [];
      });
    const nearEnd = oddEdges(Array.from({ length: Math.min(EDGE_CHARACTERS, to - from - 1) }, (_, i) => to - 1 - i), true);
    const nearStart = oddEdges(Array.from({ length: Math.min(EDGE_CHARACTERS, to - from - 1) }, (_, i) => from + 1 + i), false);
    let lastMark = holes ? to - 1 : from;
    while (lastMark > from && chars[lastMark] !== REPLACEMENT) lastMark -= 1;
    const chineseAfterMark = chars[lastMark] === REPLACEMENT && to - lastMark - 1 <= 2 * EDGE_CHARACTERS && chars.slice(lastMark + 1, to - EDGE_CHARACTERS).every(isCommonChinese);
    if (nearEnd.length === 0 && nearStart.length === 0 && !chineseAfterMark) return [from, to];
    const decoded = decodeRange(from, to);
    if (decoded === null) return [from, to];
    let whole = decoded;
    /** Of the `edges`, the cut whose edge (`keptBefore`: after the cut, else before it) reads best as it stands; `fallback` if none does. */
    const bestCut = (edges: readonly [number, string][], keptBefore: boolean, fallback: number): number => {
      let best = 0;
      let chosen = fallback;
      for (const [cut, piece] of edges) {
        const [a, b] = keptBefore ? [cut, to] : [from, cut];
        if (!(keptBefore ? whole.endsWith(piece) : whole.startsWith(piece))) continue;
        const kept = [...(keptBefore ? whole.slice(0, whole.length - piece.length) : whole.slice(piece.length))];
        const context = keptBefore ? kept.slice(-2).join('') : kept.slice(0, 2).join('');
        const outside = keptBefore ? text.slice(offsets[b], offsets[Math.min(b + 2, chars.length)]) : text.slice(offsets[Math.max(a - 2, 0)], offsets[a]);
        const judged = (edge: string): number => textCost(keptBefore ? context + edge + outside : outside + edge + context);
        const novel = [...piece].some(isNovelAtEdge) ? NOVEL_SCRIPT_COST : 0;
        const saving = judged(piece) + novel - judged(text.slice(offsets[a], offsets[b]));
        if (saving > best) [best, chosen] = [saving, cut];
      }
      return chosen;
    };
    let end = bestCut(nearEnd, true, to);
    // After the last hole the bytes of the characters that stand there may continue the broken
    // one. Common Han characters and Chinese marks there are more likely text beside the damage
    // than bytes of it (法 is B7 A8 in GBK): the span ends at the hole. Rare ones are the damage's
    // (a browser's Big5 reads 选择 as a mark, 㗇 and 𥋘).
    // (An edge cut above holds no mark, so the last mark is still lastMark.)
    if (chineseAfterMark && lastMark + 1 < end && asTheyStand(lastMark + 1, end)) {
      const kept = decodeRange(from, lastMark + 1);
      const asIs = chars.slice(lastMark + 1, end);
      if (kept !== null && whole.startsWith(kept) && asIs.every(isCommonChinese)) end = lastMark + 1;
    }
    if (end < to) whole = decodeRange(from, end) ?? whole;
    const start = bestCut(nearStart.filter(([cut]) => cut < end), false, from);
    if (start === from && end === to) return [from, to];
    // Mojibake of mojibake decodes first to more mojibake, whose edges say nothing yet: the span
    // is cut, if at all, where the layer under it still peels (源忙聹陋 is Դæ\u009c\u00aa through
    // GBK and UTF-8: only 源 reads better as it stands, and only without it does æ\u009c\u00aa
    // peel).
    const peelsBetter = (layer: string | null): boolean => layer !== null && peeledLayers(layer).some((deeper) => textCost(deeper) < textCost(layer));
    if (peelsBetter(decoded)) return [from, to];
    // Cuts nearer the ends first: as little is left out as the layer allows.
    const starts = [from, ...nearStart.map(([cut]) => cut).filter((cut) => cut < start), start];
    const ends = [to, ...nearEnd.map(([cut]) => cut).filter((cut) => cut > end), end];
    const pairs = starts.flatMap((a) => ends.map((b): [number, number] => [a, b])).filter(([a, b]) => (a !== from || b !== to) && (a !== start || b !== end) && a < b);
    pairs.sort(([a1, b1], [a2, b2]) => a1 - from + (to - b1) - (a2 - from + (to - b2)));
    for (const [a, b] of pairs) if (peelsBetter(decodeRange(a, b))) return [a, b];
    return [start, end];
  };
  /** Decode characters `from` to `to` as a span if that makes them clearly more natural; whether it did. */
  const decodeAt = (from: number, to: number): boolean => {
    // ASCII decodes to itself in every codec here: trim it off both ends.
    const trimAscii = (): void => {
      while (from < to && isAscii(from)) from += 1;
      while (to > from && isAscii(to - 1) && boundary[to - 2] === 1) to -= 1;
    };
    trimAscii();
    if (from >= to) return false;
    if (isSingleByte(h.wrong) && from > 0 && isStrayByte(chars[from - 1] as string)) return false;
    // An edge cut off may leave ASCII at the new edge, and behind it another edge to look at
    // (售价为5999元: 元 is cut, then 为).
    for (let round = 0; round < EDGE_ROUNDS; round += 1) {
      const [start, end] = trimmedEdges(from, to);
      if (start === from && end === to) break;
      [from, to] = [start, end];
      trimAscii();
    }
    if (from >= to) return false;
    const start = offsets[from] as number;
    const end = offsets[to] as number;
    const original = text.slice(start, end);
    if (!isSingleByte(h.wrong) && !isMostlyRare(oddCounts(from, to))) return false;
    // Between two double-byte codecs a character maps to one character: one is no evidence.
    if (betweenDoubleByte && nonAsciiCount(original) < MIN_DOUBLE_BYTE_SPAN) return false;
    const { rangeOverrides: spanOverrides, cuts, bytes, decoded } = encodeRange(from, to);
    if (!bytes || !decoded || decoded === original) return false;
    const spaces = [...spanOverrides.values()].filter((override) => override.length > 0).length;
    // GBK or Big5 read through a single-byte codec must decode to MIN_DOUBLE_BYTE_DECODED
    // characters, unless the text says one is damage (showsDamage).
    const before = from > 0 ? (chars[from - 1] as string) : '';
    const after = to < chars.length ? (chars[to] as string) : '';
    const amidChinese = isChinese(before) && isChinese(after);
    // Signs stand beside Chinese between Chinese characters, or with Chinese on one side and on the
    // other an ASCII digit or sign, the line's edge (为 read as Îª in 起售价Îª5999) or a space
    // before them (或 as »ò after a web address). Not a space after: cp1252 reads UTF-8's A0 as a
    // no-break space, often turned into a space (åˆ  is 删, not the 鍒 of GBK).
    const besideChinese = amidChinese || (isChinese(before) && isPlainEdge(after)) || (isChinese(after) && (before === ' ' || isPlainEdge(before)));
    // So does one sign or letter that touches Chinese before an ASCII byte that ends the pair (¦b此
    // is 在此: A6 62 in Big5, whose trail bytes include ASCII), where no word of ASCII letters or
    // digits goes on after it (©Microsoft) and the two are not a unit (µm, °C).
    const leadBeforeAsciiTrail =
      original.length === 2 && isChinese(before) && original.charCodeAt(0) > 0xa0 && isAsciiTrail(original.charCodeAt(1)) && !(UNIT_PREFIXES.has(original[0] as string) && ASCII_LETTER.test(original[1] as string)) && !ALPHANUMERIC.test(after);
    if (h.right !== 'utf-8' && isSingleByte(h.wrong) && !showsDamage(original, besideChinese) && !leadBeforeAsciiTrail && nonAsciiCount(decoded) < MIN_DOUBLE_BYTE_DECODED) return false;
    // Characters a single-byte codec read from lost UTF-8 bytes are no evidence by themselves
    // (`Ы?` in GBK damage is a Cyrillic letter and a mark, not cp1251 that lost a byte): such a
    // span must bring back some character whole, unless it lies inside a word of Latin letters,
    // whose broken letter it marks (`SlovenÄ\uFFFDina`).
    const marksOnly = cuts.length > 0 && isSingleByte(h.wrong) && !NON_ASCII.test(decoded.replaceAll(REPLACEMENT, ''));
    if (marksOnly && !(isLatin(before) && isLatin(after))) return false;
    if (cuts.length > 0 && !isSingleByte(h.wrong) && !convincingAcrossMarks(original, decoded)) return false;
    // A hole marks the character it broke and one it started (decodeAcrossHoles); other marks
    // must be U+FFFD read through a single-byte codec (`ï¿½`). Through GBK it reads 锟斤拷, which
    // markArtifacts handles.
    const marks = decoded.split(REPLACEMENT).length - 1;
    if (marks > 0 && marks > 2 * cuts.length + (isSingleByte(h.wrong) ? spelledMarks(bytes, h.right) : 0)) return false;
    // Marks are judged by what is around them: a repair gains nothing by merging or adding marks.
    const own = documentContext(original);
    const place: Place = {
      line: lineAt(start).context,
      besideWordOrSign: [before, after].some((char) => ALPHANUMERIC.test(char) || isSymbol(char)),
      asciiLetterBefore: isAsciiLetter(before),
      asciiLetterAfter: isAsciiLetter(after),
      amidChinese,
      besideHighByte: [before, after].some((char) => char.length === 1 && (flagsAt(char.charCodeAt(0)) & DOUBLE_BYTE_HIGH) !== 0),
    };
    // A decoding into the other script than the line's (刚衡表 for 試算表 in Traditional text: GBK
    // for Big5) is less likely, as everywhere else in the model. The text as it stands is not
    // charged: a character of the other script in clean text (貙 in Simplified verse) is no
    // evidence that it is damage.
    let script: 'simplified' | 'traditional' | 'mixed' | null | undefined;
    const scriptCost = (layer: string): number => {
      if (!MAY_HAVE_SCRIPT.test(layer)) return 0;
      if (script === undefined) script = scriptAround(lineAt(start), start, end);
      return otherScriptCost(layer, script);
    };
    // A span is judged with two characters on each side: the model judges triples, and a triple
    // that reaches one character past the span (a lone letter in „h除) differs between decodings.
    const outsideBefore = chars.slice(Math.max(0, from - 2), from).join('');
    const outsideAfter = chars.slice(to, to + 2).join('');
    const quotes = quotesBefore(offsets[Math.max(0, from - 2)] as number);
    // Hypotheses that read the same bytes alike (cp1252, Latin-1 and cp1254 make Ã© of é) judge
    // the same text at the same place, and the text as it stands is judged by every one: each cost
    // is worked out once per document.
    let costs = judgedCosts.get(context);
    if (!costs) judgedCosts.set(context, (costs = new Map()));
    const cost = (candidate: string): number => {
      const key = `${base + start}\u0000${base + end}\u0000${candidate}`;
      let known = costs.get(key);
      if (known === undefined) {
        known = textCost(outsideBefore + candidate.replaceAll(REPLACEMENT, '') + outsideAfter, quotes) + novelty(candidate, own, place);
        costs.set(key, known);
      }
      return known;
    };
    // Mojibake of mojibake decodes first to more mojibake (which may hold C1 controls): judge a
    // span by the best clean layer that the same hypothesis peels off it.
    let best = Infinity;
    let bestLayer = decoded;
    let layers: string[] = [decoded];
    for (let depth = 0; depth <= LOOKAHEAD_LAYERS && layers.length > 0; depth += 1) {
      const next: string[] = [];
      for (const layer of layers) {
        const layerCost = FORBIDDEN_OUTPUT.test(layer.replaceAll(REPLACEMENT, '')) ? Infinity : cost(layer) + scriptCost(layer);
        if (layerCost < best) [best, bestLayer] = [layerCost, layer];
        if (depth === LOOKAHEAD_LAYERS) continue;
        next.push(...peeledLayers(layer));
      }
      layers = next;
    }
    // Both codecs hold Chinese: a decoding with more characters that are not Chinese than the
    // text as it stands (坎帕尼亚 -> Б┈ェ亚, GBK's Cyrillic, box drawing and kana) is no repair.
    // Judged on the layer the span is judged by: a layer on the way may hold them (（ is ㄗ after
    // GBK read as Big5 once, and a second time 侈).
    if (betweenDoubleByte && (foreignCount(bestLayer) > foreignCount(original) || !restoresWords(original, bestLayer, before, after))) return false;
    const gain = cost(original) - best - SPACE_FOR_A0_COST * spaces;
    // Merging a lead byte into the mark of the byte it lost rests on the hole, not on a decoding.
    const short = !marksOnly && nonAsciiCount(decoded) <= 2;
    if (gain < (short ? MIN_GAIN_SHORT : MIN_GAIN)) return false;
    // One or two characters of Han between Chinese characters, decoded whole into a script or a
    // symbol found nowhere else (趯趯 -> ڌڌ, 畇畇 -> дд, 貙貙 -> ،،), or with an ASCII letter
    // (鹿豕街 -> 鹿泊X: a trail byte split off; not a sign: brackets stand beside Chinese, and
    // absorbed ones come back, 蟄肋 -> 存]): the text around says Chinese, the decoding says
    // otherwise, and a rare character of the text's own (a name, classical Chinese) is as likely;
    // such a repair needs the evidence an inconsistent one does.
    const hanAmidChinese = place.amidChinese && isHanAlone(own);
    const bringsLetters = (): boolean => novelty(bestLayer, own, place) > 0 || ASCII_LETTER.test(bestLayer);
    if (short && hanAmidChinese && cuts.length === 0 && gain < MIN_GAIN_INCONSISTENT && bringsLetters()) return false;
    if (short && throughSingleByte && gain < MIN_GAIN_INCONSISTENT) weakSpans.add(spans.length);
    const canGuess = cuts.length > 0 && original.length * cuts.length <= MAX_GUESS_WORK;
    /** The span, its lost bytes guessed with `context` (none with null). */
    const spanGuessedWith = (context: GuessContext | null): Span => {
      const guesses: Guess[] = [];
      const filledOverrides = new Map(spanOverrides);
      let filled = decoded;
      // Each rejection left U+FFFD (or ?) and lost one or two bytes: recover the broken character
      // from context where it is clearly the most natural (see _lost-bytes.ts).
      if (canGuess && context) {
        const holeOffsets: number[] = [];
        for (let at = 0; at < original.length; at += 1) {
          const override = spanOverrides.get(at);
          if (override ? override.length === 0 : holes && original[at] === REPLACEMENT) holeOffsets.push(at);
        }
        for (const fill of fillHoles(bytes, cuts, h.wrong, GUESS_MARGIN, original.length, {
          before,
          after,
          script: detectScript(decoded),
          documentPairs: context.documentPairs,
          openQuotes: context.openQuotes.get(base + start) ?? 0,
          strict,
        })) {
          const hole = holeOffsets[fill.hole] as number;
          filledOverrides.set(hole, fill.bytes);
          guesses.push({ offset: base + start + hole, char: fill.char, margin: fill.margin });
        }
        if (guesses.length > 0) {
          const filledCuts: number[] = [];
          filled = decodeSpan(encodeSpan(original, h.wrong, true, filledOverrides, filledCuts) as Uint8Array, h.right, filledCuts, h.wrong, strict) as string;
        }
      }
      const restored = [...filledOverrides].sort(([a], [b]) => a - b).map(([offset, bytes]): Restored => [base + start + offset, [...bytes]]);
      return { start: base + start, end: base + end, decoded: filled, gain, restored, guesses };
    };
    spans.push(spanGuessedWith(guessWith));
    if (!guessWith && canGuess && guessLater) guessLater.set(base + start, spanGuessedWith);
    return true;
  };
  // Between GBK and Big5 each character maps to one character, so any stretch of a run decodes
  // on its own; clean text around a few damaged characters runs on into the run (的 and 使用 are
  // Big5 too) and decodes into private-use or rarer characters, which sinks the whole. Where the
  // whole is not taken, the cheapest stretch is tried (see consider).
  const consider = (from: number, to: number): void => {
    if (isSingleByte(h.wrong)) {
      decodeAt(from, to);
      return;
    }
    // Where the rare characters stand (as indices, and as ranks among the characters beyond ASCII).
    const rareAt: number[] = [];
    const rareRanks: number[] = [];
    let others = 0;
    for (let i = from; i < to; i += 1) {
      const char = chars[i] as string;
      if (!countsForRareness(char)) continue;
      if (isOddHere(i)) {
        rareRanks.push(rareAt.length + others);
        rareAt.push(i);
      } else others += 1;
    }
    // Mojibake from a CJK codec is mostly rare characters; clean prose is not worth decoding (nor
    // its edges trimming: asked again of the span as trimmed, in decodeAt).
    const mostly = isMostlyRare({ rare: rareAt.length, other: others });
    const tooLong = rareAt.length + others > LONGEST_STRETCH_RUN;
    // Between GBK and Big5 a run decoded whole takes in the clean characters beside the damage
    // that the other codec reads too (执行 -> 执︽): where its cheapest stretch leaves out only
    // common characters that would decode to something odd, the stretch is tried first; where
    // the whole is not taken, the stretch after it.
    if (mostly) {
      const stretch = betweenDoubleByte && !tooLong && madeCommon(from, to) >= MIN_RARE_MADE_COMMON ? cheapestStretch(from, to) : null;
      const tries: [number, number][] = stretch === null ? [[from, to]] : leavesOutOdd(from, to, stretch) ? [stretch, [from, to]] : [[from, to], stretch];
      if (tries.some(([a, b]) => decodeAt(a, b))) return;
    }
    // Clean text around damage between GBK and Big5 may make most of a run (a whole line of
    // Simplified text is GBK whose bytes Big5 reads too): a stretch is tried where rare
    // characters cluster in it, as damage makes them. A long run of mostly rare characters that
    // did not decode whole is damage of another kind (UTF-8 read as GBK), not a stretch of this.
    if (!betweenDoubleByte || (mostly && tooLong)) return;
    for (const [a, b] of rareClusters(rareAt, rareRanks, from, to)) {
      const stretch = madeCommon(a, b) >= MIN_RARE_MADE_COMMON ? cheapestStretch(a, b) : null;
      if (stretch) decodeAt(...stretch);
    }
  };
  // How many rare characters of `from` to `to` decoding makes common. Decoding damage turns its
  // rare characters into common ones; in clean text it mostly turns them into other rare
  // characters, and no stretch is worth looking for.
  const madeCommon = (from: number, to: number): number => {
    let count = 0;
    for (let at = from; at < to; at += 1) {
      const char = chars[at] as string;
      if (!countsForRareness(char) || !isRare(char)) continue;
      const through = characterThrough(char, h);
      if (through !== null && !isRare(through)) count += 1;
    }
    return count;
  };
  /**
   * Whether what `stretch` leaves out of `from` to `to` is, on each side, common characters that
   * decode to something odd (oddAgainst) or not at all; not where one character, decoded, makes
   * a word with the stretch's decoded edge (钮 is rare alone, 按钮 a word).
   */
  const leavesOutOdd = (from: number, to: number, [start, stop]: [number, number]): boolean => {
    const sides: [number, number, string, string][] = [
      [from, start, chars[start - 1] ?? '', chars[start] as string],
      [stop, to, chars[stop - 1] as string, chars[stop] ?? ''],
    ];
    return sides.every(([a, b, first, second]) => {
      const asIs = chars.slice(a, b).filter((_, i) => !isAscii(a + i));
      if (asIs.length === 0) return true;
      if (asIs.some(isRare)) return false;
      const decoded = asIs.map((char) => characterThrough(char, h));
      if (decoded.includes(null)) return true;
      if (asIs.length === 1 && formsWord(characterThrough(first, h) ?? '', characterThrough(second, h) ?? '')) return false;
      return oddAgainst(decoded.join(''), asIs.join(''));
    });
  };
  /**
   * The stretch of characters `from` to `to` whose decoding, each character on its own, makes
   * them and their neighbours cheapest (each character costed with the two before it, and the
   * run's as runCharge says); `null`
   * when that is the whole run or nothing. States along the row: before the stretch, in it, after it.
   */
  const cheapestStretch = (from: number, to: number): [number, number] | null => {
    // A character of a script the document does not hold outside the run (kana, that clean Han
    // beside the damage makes: 文件 -> 文ン; the run's own kana are the damage's, as a browser's
    // Big5 reads GBK's 取且 as 龰ブ) is no decoding of a stretch of it.
    const ownScripts = new Map<string, number>();
    for (let at = from; at < to; at += 1) {
      const script = scriptOf(chars[at] as string);
      if (script !== undefined) ownScripts.set(script, (ownScripts.get(script) ?? 0) + 1);
    }
    const mapped = chars.slice(from, to).map((char) => {
      const through = characterThrough(char, h);
      const script = through === null ? undefined : scriptOf(through);
      return script === undefined || script === 'han' || script === 'ascii' || (scriptCounts.get(script) ?? 0) > (ownScripts.get(script) ?? 0) ? through : null;
    });
    const first = Math.max(0, from - 2);
    const last = Math.min(chars.length, to + 2);
    const script = scriptAround(lineAt(offsets[from] as number), offsets[from] as number, offsets[to] as number);
    const charAt = (at: number, state: number): string => (state === IN_STRETCH ? (mapped[at - from] as string) : (chars[at] as string));
    const allowed = (at: number, state: number): boolean =>
      at < from ? state === BEFORE_STRETCH : at >= to ? state !== IN_STRETCH : state !== IN_STRETCH || mapped[at - from] !== null;
    // Beyond the model, a character of the run pays for being of the other script than the line's,
    // decoded or not (試算 decoded to 刚衡 in Traditional text; 麼 left as it stands beside a decoded
    // stretch of Simplified text, where it is likelier damage, 或), and for a letter of another
    // alphabet left as it stands (ゼ, ┪ beside a decoded stretch: what these codecs make of Han).
    const runCharge = (at: number, state: number, char: string): number => {
      if (at < from || at >= to) return 0;
      return otherScriptCost(char, script) + (state !== IN_STRETCH && isOtherAlphabet(char) ? NOVEL_SCRIPT_COST / 2 : 0);
    };
    // cost[previous][state]: the cheapest row so far whose last two characters are in these states;
    // back[at][previous][state]: the state before `previous` on that row.
    let cost = [[0, Infinity, Infinity], [Infinity, Infinity, Infinity], [Infinity, Infinity, Infinity]];
    const back: number[][][] = [];
    // A character's cost depends only on which of it and the two before it are decoded.
    const stepCosts = new Float64Array(8);
    const stepCost = (at: number, older: number, previous: number, state: number): number => {
      const key = (older === IN_STRETCH ? 4 : 0) + (previous === IN_STRETCH ? 2 : 0) + (state === IN_STRETCH ? 1 : 0);
      if (Number.isNaN(stepCosts[key])) {
        const left = [at - 2 >= first ? charAt(at - 2, older) : '', at - 1 >= first ? charAt(at - 1, previous) : ''].filter(Boolean);
        const char = charAt(at, state);
        stepCosts[key] = costBetween(left, [char], []) + runCharge(at, state, char);
      }
      return stepCosts[key] as number;
    };
    for (let at = first; at < last; at += 1) {
      const next = [[Infinity, Infinity, Infinity], [Infinity, Infinity, Infinity], [Infinity, Infinity, Infinity]];
      const from2: number[][] = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
      stepCosts.fill(NaN);
      for (let older = 0; older < 3; older += 1) {
        for (let previous = older; previous < 3; previous += 1) {
          const so = cost[older]?.[previous] as number;
          if (so === Infinity) continue;
          // A stretch has a character at least: the row cannot go from before it to after it.
          for (let state = previous; state < 3; state += 1) {
            if ((previous === BEFORE_STRETCH && state === AFTER_STRETCH) || !allowed(at, state)) continue;
            const total = so + stepCost(at, older, previous, state);
            if (total < (next[previous]?.[state] as number)) {
              (next[previous] as number[])[state] = total;
              (from2[previous] as number[])[state] = older;
            }
          }
        }
      }
      cost = next;
      back.push(from2);
    }
    let end: [number, number] = [BEFORE_STRETCH, BEFORE_STRETCH];
    const asItStands = cost[BEFORE_STRETCH]?.[BEFORE_STRETCH] as number;
    let best = Infinity;
    for (let previous = 0; previous < 3; previous += 1) {
      for (let state = IN_STRETCH; state < 3; state += 1) {
        if ((cost[previous]?.[state] as number) < best) {
          best = cost[previous]?.[state] as number;
          end = [previous, state];
        }
      }
    }
    // What decodeAt asks of a span, on the same costs: no stretch short of it is worth asking.
    if (asItStands - best < MIN_GAIN) return null;
    // Walk back to the stretch.
    const states: number[] = [];
    let [previous, state] = end;
    for (let at = last - 1; at >= first; at -= 1) {
      states[at - first] = state;
      const older = back[at - first]?.[previous]?.[state] as number;
      state = previous;
      previous = older;
    }
    let start = first + states.indexOf(IN_STRETCH);
    let stop = first + states.lastIndexOf(IN_STRETCH) + 1;
    // The row sees two characters back, but a bracket pairs with one further away: a sign at the
    // stretch's edge that decodes to a bracket (「语言★ -> 「语言」) is taken in where the line
    // around, BRACKET_REACH characters each way, reads better with it.
    const { start: lineStart, end: lineEnd } = lineAt(offsets[start] as number);
    const around = (a: number, b: number, lo: number, hi: number): number =>
      textCost(text.slice(Math.max(lineStart, offsets[lo] as number), offsets[a]) + mapped.slice(a - from, b - from).join('') + text.slice(offsets[b], Math.min(lineEnd, offsets[hi] as number)));
    const bracketAt = (at: number): boolean => at >= from && at < to && BRACKET.test(mapped[at - from] ?? '') && !BRACKET.test(chars[at] as string);
    // ASCII punctuation and spaces between (`Var★: 猁聆`) decode to themselves.
    const beyondSigns = (at: number, step: number): number => {
      while (at >= from && at < to && isAscii(at) && !ALPHANUMERIC.test(chars[at] as string)) at += step;
      return at;
    };
    const after = beyondSigns(stop, 1);
    if (bracketAt(after)) {
      const [lo, hi] = [Math.max(0, start - BRACKET_REACH), Math.min(chars.length, after + 1 + BRACKET_REACH)];
      if (around(start, after + 1, lo, hi) < around(start, stop, lo, hi)) stop = after + 1;
    }
    const before = beyondSigns(start - 1, -1);
    if (bracketAt(before)) {
      const [lo, hi] = [Math.max(0, before - BRACKET_REACH), Math.min(chars.length, stop + BRACKET_REACH)];
      if (around(before, stop, lo, hi) < around(start, stop, lo, hi)) start = before;
    }
    // Nor does the row see that a bracket as it stands pairs: one at the stretch's edge that
    // decodes to something else (』 -> ◆ in 『放管服』) is left out where the line reads better so.
    const keptBracketAt = (at: number): boolean => BRACKET.test(chars[at] as string) && !BRACKET.test(mapped[at - from] ?? '');
    const [lo, hi] = [Math.max(0, start - BRACKET_REACH), Math.min(chars.length, stop + BRACKET_REACH)];
    if (stop - start > 1 && keptBracketAt(stop - 1) && around(start, stop - 1, lo, hi) < around(start, stop, lo, hi)) stop -= 1;
    if (stop - start > 1 && keptBracketAt(start) && around(start + 1, stop, lo, hi) < around(start, stop, lo, hi)) start += 1;
    if (start === from && stop === to) return null;
    return nonAsciiCount(text.slice(offsets[start], offsets[stop])) < MIN_DOUBLE_BYTE_RUN ? null : [start, stop];
  };

  /**
   * The bytes of the `count` characters from `at` on, or of those before a hole (damage goes on
   * there); null if a line's end or a character without bytes comes first.
   */
  const bytesAhead = (at: number, count: number): number[] | null => {
    const ahead: number[] = [];
    for (let i = at; i < at + count; i += 1) {
      if (holes && chars[i] === REPLACEMENT) return ahead;
      const bytes = i >= chars.length || chars[i] === '\n' ? null : encode(chars[i] as string);
      if (!bytes) return null;
      ahead.push(...bytes);
    }
    return ahead;
  };
  let from = 0;
  while (from < chars.length) {
    recogniser.reset();
    let lastGood = from; // the last character boundary that is also a sequence boundary
    let sawMultibyte = false;
    let goodHasMultibyte = false;
    let i = from;
    let failed = false;
    let afterHole = false;
    let continuationsLeft = 0;
    for (; i < chars.length; i += 1) {
      const char = chars[i] as string;
      // Through a single-byte codec, a `?` where a UTF-8 sequence needed a byte is a byte the
      // wrong decoder could not map and an encoder then replaced (cp1252 has five): a hole too.
      const questionHole = throughSingleByte && char === '?' && !recogniser.atBoundary();
      if (questionHole) overrides.set(i, NO_BYTES);
      if ((holes && char === REPLACEMENT) || questionHole) {
        // Lost bytes: whatever sequence was open is broken; the next byte starts afresh.
        recogniser.reset();
        boundary[i] = 1;
        lastGood = i + 1;
        goodHasMultibyte = sawMultibyte;
        afterHole = true;
        continuationsLeft = MAX_CONTINUATIONS;
        continue;
      }
      let bytes = char === '\n' || char === '\r' ? null : encode(char);
      const previous = char === ' ' && spaceForA0 && !recogniser.atBoundary() && i > 0 ? encode(chars[i - 1] as string) : null;
      if (previous && spaceCanBeA0(previous[0], chars[i + 1])) {
        const next = offsets[i + 1] as number;
        const spaceFollows = previous[0] === 0xc3 && chars[i + 1] !== ' ' && !AFTER_INITIAL_GRAVE_A.test(text.slice(next, next + 8));
        bytes = spaceFollows ? A0_SPACE : A0;
        overrides.set(i, bytes);
      } else overrides.delete(i);
      // A character a decoder reads from two codes (€ from 80 and A2 E3 in a browser's GBK) had
      // the other where only that one lets the next character's bytes follow, and those of the
      // next LOOKAHEAD_CHARACTERS on the line: clean text after damage (言。 read as GBK is 瑷€。)
      // follows A2 E3 for a character or so.
      const other = bytes ? otherCode(h.wrong, char) : null;
      if (other && bytes) {
        const next = bytesAhead(i + 1, 1);
        const ahead = next && bytesAhead(i + 1, LOOKAHEAD_CHARACTERS);
        if (next && ahead && !recogniser.accepts([...bytes, ...next]) && recogniser.accepts([...other, ...ahead])) {
          bytes = other;
          overrides.set(i, other);
        }
      }
      if (afterHole && bytes) {
        // Continuation bytes just after a hole are the rest of the character it broke, which
        // shares its mark; a double-byte character may hold them and the next lead byte. A UTF-8
        // character has three at most: one more belongs to a character beside the damage.
        let rest = 0;
        while (rest < bytes.length && isContinuation(bytes[rest]) && continuationsLeft > 0) {
          rest += 1;
          continuationsLeft -= 1;
        }
        if (rest === bytes.length) {
          boundary[i] = 1;
          lastGood = i + 1;
          continue;
        }
        bytes = bytes.subarray(rest);
      }
      afterHole = false;
      if (!bytes) failed = true;
      else {
        for (const byte of bytes) {
          if (!recogniser.feed(byte)) {
            failed = true;
            break;
          }
          sawMultibyte ||= recogniser.lastWasMultibyte();
        }
      }
      if (failed) break;
      boundary[i] = recogniser.atBoundary() ? 1 : 0;
      if (boundary[i] === 1) {
        lastGood = i + 1;
        goodHasMultibyte = sawMultibyte;
      }
    }
    if (goodHasMultibyte && lastGood > from) {
      consider(from, lastGood);
      decodable.fill(1, from, lastGood);
    }
    if (!failed) break;
    from = lastGood > from ? lastGood : from + 1;
  }
  // Through a codec rarer than cp1252 and Latin-1, a character it makes of a byte that no UTF-8
  // sequence takes (`≈ 1.77` beside `√π`) shows that the line did not pass through it whole: a span
  // of one or two characters there is more likely a real piece of text than its rare damage.
  if (weakSpans.size > 0 && !COMMON_WRONG.has(h.wrong) && chars.some((char, i) => decodable[i] === 0 && isIntactHighByte(char))) {
    return spans.filter((_, i) => !weakSpans.has(i));
  }
  return spans;
}

// What each character becomes between GBK and Big5, by hypothesis (see characterThrough).
const charactersThrough = new Map<string, Map<string, string | null>>();
const MAX_CHARACTERS_THROUGH = 65536;

/** The one character that `char`'s bytes in `h.wrong` make in `h.right`, or null (none, several, or one a repair may not output). */
function characterThrough(char: string, h: Hypothesis): string | null {
  const key = `${h.wrong}>${h.right}`;
  let known = charactersThrough.get(key);
  if (!known) charactersThrough.set(key, (known = new Map()));
  let through = known.get(char);
  if (through === undefined) {
    const bytes = charEncoder(h.wrong)(char);
    const decoded = bytes && decodeSpan(bytes, h.right);
    through = decoded && [...decoded].length === 1 && !FORBIDDEN_OUTPUT.test(decoded) ? decoded : null;
    if (known.size >= MAX_CHARACTERS_THROUGH) known.clear();
    known.set(char, through);
  }
  return through;
}

/**
 * Re-encode spans with the codec that wrongly decoded them and decode them with the right one.
 * `params`: `encoding` (wrong), `decoding` (right), `spans` as `[start, end]` UTF-16 offsets,
 * with a third element listing the bytes that the character at an offset stood for
 * (`[offset, [0xa0]]` for a space that was a no-break space, `[offset, [0x8c]]` for a lost byte
 * recovered from context); `strict`: the holes left are read as a strict decoder (Python's)
 * made them, one byte lost at each.
 *
 * @example
 * reencodeSpans('浣犲ソ', { encoding: 'gbk', decoding: 'utf-8', spans: [[0, 3]] }) // '你好'
 */
export function reencodeSpans(text: string, params: StepParams, changes?: Changes): string {
  const wrong = params['encoding'] as CodecName;
  const right = params['decoding'] as CodecName;
  const spans = params['spans'] as readonly (readonly [number, number, (readonly Restored[])?])[];
  const strict = params['strict'] === true;
  let out = '';
  let at = 0;
  for (const [start, end, restored = []] of spans) {
    const original = text.slice(start, end);
    const overrides = new Map(restored.map(([offset, bytes]) => [offset - start, Uint8Array.from(bytes)]));
    const cuts: number[] = [];
    const bytes = encodeSpan(original, wrong, right === 'utf-8', overrides, cuts);
    const decoded = bytes && decodeSpan(bytes, right, cuts, wrong, strict);
    if (decoded === null) throw new RangeError(`span ${start}-${end} does not re-encode as ${wrong} and decode as ${right}`);
    out += text.slice(at, start) + decoded;
    at = end;
    changes?.note(start);
  }
  return out + text.slice(at);
}
registerFixer('reencodeSpans', reencodeSpans);

/**
 * Load what judging text needs (the codecs' tables, the lexicon's characters), which is otherwise
 * loaded on first use: a worker does it while it waits for its first input.
 */
export function loadTables(): void {
  for (const { wrong } of HYPOTHESES) charEncoder(wrong);
  SINGLE_BYTE_CLASSES();
  isRare('中');
}

export interface MojibakeFinding {
  readonly hypothesis: Hypothesis;
  readonly spans: readonly Span[];
  readonly gain: number;
  /** Whether the spans' holes are read as a strict decoder left them (see readsStrictly). */
  readonly strict: boolean;
}

/**
 * What the single-byte codecs here make of UTF-8 lead bytes C2 and C3 (Â Ã, Ă, В Г ...), whose
 * sequences with A0 are a no-break space and à: a no-break space after one may be that byte.
 */
export const LEADS_OF_A0 = lazy(() => {
  const chars = new Set<string>();
  for (const codec of SINGLE_BYTE_WRONG) {
    if (byteTable(codec)[0xa0] === '\u00A0') byteTable(codec).slice(0xc2, 0xc4).forEach((char) => chars.add(char));
  }
  return chars;
});

/** The share of a span's non-ASCII characters that must be rare for CJK mojibake to be suspected. */
const MIN_RARE_SHARE = 0.25;
/**
 * Lost bytes decode into almost anything: around marks, characters that an earlier round
 * decoded (`檔��路徑`) read as mojibake that lost bytes too, and every character swallowed by a
 * hole lowers the cost. There the mojibake must speak for itself: at least this many rare
 * characters, and as many as the other characters, unless the decoding holds a word.
 */
const MIN_RARE_AROUND_MARKS = 2;
const MIN_RARE_SHARE_AROUND_MARKS = 0.5;

/** Whether a character counts for a span's rareness: beyond ASCII, and no mark of lost bytes. */
const countsForRareness = (char: string): boolean => char.charCodeAt(0) >= ASCII_CODE_LIMIT && char !== REPLACEMENT;

/**
 * How many of a span's non-ASCII characters are rare (or, with `isOdd`, odd where they stand: the
 * characters counted by their place in the span), and how many are not (marks count neither way).
 */
function rareCounts(span: Iterable<string>, isOdd: (char: string, at: number) => boolean = isRare): { rare: number; other: number } {
  let rare = 0;
  let other = 0;
  let at = 0;
  for (const char of span) {
    if (countsForRareness(char)) {
      if (isOdd(char, at)) rare += 1;
      else other += 1;
    }
    at += 1;
  }
  return { rare, other };
}

/**
 * Where rare characters cluster among characters `from` to `to` (two among MIN_DOUBLE_BYTE_RUN + 1
 * in a row, ASCII aside), with STRETCH_REACH characters on either side, overlapping ones merged.
 * `rareAt` are the rare characters' indices, `ranks` their places among the characters beyond ASCII.
 */
function rareClusters(rareAt: readonly number[], ranks: readonly number[], from: number, to: number): [number, number][] {
  const clusters: [number, number][] = [];
  for (let k = 1; k < rareAt.length; k += 1) {
    if ((ranks[k] as number) - (ranks[k - 1] as number) > MIN_DOUBLE_BYTE_RUN) continue;
    const a = Math.max(from, (rareAt[k - 1] as number) - STRETCH_REACH);
    const b = Math.min(to, (rareAt[k] as number) + 1 + STRETCH_REACH);
    const open = clusters[clusters.length - 1];
    if (open && open[1] >= a) open[1] = b;
    else clusters.push([a, b]);
  }
  return clusters;
}

function isMostlyRare({ rare, other }: { rare: number; other: number }): boolean {
  return rare > 0 && rare >= (rare + other) * MIN_RARE_SHARE;
}

/** How many pairs of characters in a row in a text stand inside words. */
function wordPairs(text: string): number {
  let count = 0;
  let previous = '';
  for (const char of text) {
    if (previous && formsWord(previous, char)) count += 1;
    previous = char;
  }
  return count;
}

/**
 * Whether a reading between GBK and Big5 of `original` (between `before` and `after`) could be a
 * repair. Such damage is rare characters made common: a decoding that leaves as many
 * (を読み込めません -> 毛掂心煋戶引六氏, Japanese whose kana GBK shares with Big5) is no repair.
 * And the text was made of words, which the wrong codec broke: a decoding that makes no more words
 * than the text as it stands (碩鼠碩鼠 -> 河公河公, 翠袖薄 -> 港凈情) is no repair either.
 */
function restoresWords(original: string, decoded: string, before = '', after = ''): boolean {
  return rareCounts(decoded).rare < rareCounts(original).rare && wordPairs(before + decoded + after) > wordPairs(before + original + after);
}

/**
 * Whether single-byte signs (`besideChinese`: with Chinese beside them, and no word of letters)
 * show that they are damage, so that the one GBK or Big5 character they make is evidence enough: a
 * C1 control first (no clean text holds one, and a UTF-8 reading would need a lead byte before it:
 * \u0084h is 刪 read as Latin-1), or two signs beside Chinese, where a Chinese reading is the
 * likelier (ÎÅ is 闻 in GBK; Ò\u0095 is 視, not the ҕ of UTF-8). One sign before an ASCII letter
 * there is not (µm).
 */
export function showsDamage(signs: string, besideChinese: boolean): boolean {
  return C1_CONTROL.test(signs[0] ?? '') || (besideChinese && nonAsciiCount(signs) >= 2);
}

/** Whether a decoding across lost bytes is evidence enough (see MIN_RARE_AROUND_MARKS), and keeps the words the text shows. */
function convincingAcrossMarks(original: string, decoded: string): boolean {
  const { rare, other } = rareCounts(original);
  const pairs = wordPairs(decoded);
  // Text that a first round left with marks (自动查看文档中�幻灯��渡) is read across them no
  // further where that breaks words it holds (GBK and UTF-8 make �õ��� of it).
  if (wordPairs(original) > pairs) return false;
  return (rare >= MIN_RARE_AROUND_MARKS && rare >= (rare + other) * MIN_RARE_SHARE_AROUND_MARKS) || pairs > 0;
}

const FEW_NON_ASCII = 4;

// What the suspicion test needs to know of a character, kept by UTF-16 code unit of the Basic
// Multilingual Plane (characters beyond it are looked up each time). UTF-8's byte classes are
// those of any single-byte codec UTF-8 is read through here (é is E9 in cp1252, 82 in cp437): a
// superset of each hypothesis'; GBK's and Big5's those of the codecs they are read through.
const RARE = 2;
/** Made of a byte that starts a UTF-8 sequence (C2-F4). */
const UTF8_LEAD = 4;
/** Made of a continuation byte (80-BF). */
const UTF8_CONTINUATION = 16;
/** Made of a byte 80-FF by a codec that GBK or Big5 is read through. */
const DOUBLE_BYTE_HIGH = 32;
/** And of a byte 81-BF: a lead byte that is a sign there, no letter. */
const DOUBLE_BYTE_SIGN_LEAD = 64;
/** What a CJK codec reads of a two-byte UTF-8 sequence (an accented letter: é is C3 A9, 茅 in GBK). */
const CJK_READ_TWO_BYTE_UTF8 = 128;
const DOUBLE_BYTE_WRONG: readonly CodecName[] = [...new Set(DOUBLE_BYTE_THROUGH_SINGLE.map((h) => h.wrong))];

/**
 * Which single-byte codecs UTF-8 is read through make a character of which UTF-8 byte: by code
 * unit, a bit per codec (its place in SINGLE_BYTE_WRONG) for a lead byte, then for a lead of two
 * bytes, then for a continuation byte. The union flags above say whether any codec does; these
 * say which hypotheses a text could need (і ї є are continuation bytes only in cp1251).
 */
const UTF8_ROLES = lazy(() => {
  const roles = new Map<number, number>();
  const codecs = SINGLE_BYTE_WRONG.length;
  SINGLE_BYTE_WRONG.forEach((codec, index) => {
    byteTable(codec).forEach((char, byte) => {
      let role = 0;
      if (byte >= ASCII_CODE_LIMIT && byte <= 0xbf) role = 1 << (index + 2 * codecs);
      else if (byte >= 0xc2 && byte <= 0xf4) role = (1 << index) | (byte <= 0xdf ? 1 << (index + codecs) : 0);
      if (role !== 0) roles.set(char.charCodeAt(0), (roles.get(char.charCodeAt(0)) ?? 0) | role);
    });
  });
  return roles;
});
/** Every codec's bit. */
const ALL_SINGLE_BYTE = (1 << SINGLE_BYTE_WRONG.length) - 1;

// The byte classes of the characters that mojibake from a single-byte codec is made of: the upper
// halves of their tables.
const SINGLE_BYTE_CLASSES = lazy(() => {
  const classes = new Map<string, number>();
  const add = (char: string, flags: number): void => {
    classes.set(char, (classes.get(char) ?? 0) | flags);
  };
  for (const [code, role] of UTF8_ROLES()) {
    add(String.fromCharCode(code), ((role & ALL_SINGLE_BYTE) !== 0 ? UTF8_LEAD : 0) | (role >>> (2 * SINGLE_BYTE_WRONG.length) !== 0 ? UTF8_CONTINUATION : 0));
  }
  for (const codec of DOUBLE_BYTE_WRONG) {
    byteTable(codec).forEach((char, byte) => {
      if (byte >= ASCII_CODE_LIMIT) add(char, DOUBLE_BYTE_HIGH | (byte > 0x80 && byte <= 0xbf ? DOUBLE_BYTE_SIGN_LEAD : 0));
    });
  }
  // Read with Node's decoders, whose tables are built in: every text beyond ASCII is tested, and
  // fixnews's own Big5 and EUC-KR tables take longer to build than most repairs. They read this
  // range as browsers do, but for code page 949's syllables, which are rare anyway.
  for (const codec of CJK_WRONG) {
    const decoder = new TextDecoder(codec);
    for (let lead = 0xc2; lead <= 0xdf; lead += 1) {
      for (let trail = 0x80; trail <= 0xbf; trail += 1) {
        const read = decoder.decode(Uint8Array.of(lead, trail));
        if ([...read].length === 1 && read !== REPLACEMENT) add(read, CJK_READ_TWO_BYTE_UTF8);
      }
    }
  }
  return classes;
});

function flagsOf(char: string): number {
  return (isRare(char) ? RARE : 0) | (SINGLE_BYTE_CLASSES().get(char) ?? 0);
}

/** The flags of a character of the Basic Multilingual Plane (not a surrogate), by code unit. */
const flagsAt = byCodeUnit(flagsOf);

/**
 * The families of hypotheses a text could need: UTF-8 read as a single-byte codec (`utf8`, and
 * through which codecs: a bit each, see UTF8_ROLES), GBK or Big5 read as one (`doubleByte`), and
 * text read as a CJK codec (`cjk`).
 */
export interface Suspicion {
  utf8: boolean;
  utf8Codecs: number;
  doubleByte: boolean;
  cjk: boolean;
}

/**
 * Which families of hypotheses the text from `start` to `end` could need: a cheap test, so that
 * clean text is never searched (ftfy's "is it bad at all?"). It only rules out what the search
 * could never find, but for one judgement (below). UTF-8 read as a single-byte codec needs a
 * lead byte followed by a continuation byte, by a space standing for A0 (after a lead of two
 * bytes, or before a continuation), or by a mark of lost bytes. GBK or Big5 read so needs a lead
 * byte and a trail byte: two high bytes side by side, or an ASCII trail byte after a lead that
 * is a sign, not a letter (judged: the commonest Big5 characters have leads A4-C6, ¤ to Æ, and
 * GB2312's trail bytes are high; the accented letters of clean text in a Latin alphabet, é
 * before t, are E0-FF). CJK codecs need two rare characters among three consecutive non-ASCII
 * ones.
 */
export function suspicion(text: string, start: number, end: number): Suspicion {
  let utf8Codecs = 0;
  let doubleByte = false;
  let cjk = false;
  const codecs = SINGLE_BYTE_WRONG.length;
  const roles = UTF8_ROLES();
  // What the previous characters were made of, by each codec: a UTF-8 lead byte (and of two
  // bytes), a lead byte then spaces; and a high byte of a codec GBK or Big5 is read through (and
  // a sign there).
  let afterLead = 0;
  let afterLeadOfTwo = 0;
  let afterLeadSpace = 0;
  let afterDoubleByteHigh = false;
  let afterSignLead = false;
  // Rareness of the last non-ASCII characters: mojibake is a cluster of rare characters, where
  // a clean line has a rare one here and there (a name).
  let previous = false;
  let beforePrevious = false;
  let nonAscii = 0;
  let anyRare = false;
  let afterNonAscii = false;
  // A rare character glued to a word of ASCII letters, or characters inside one that a CJK codec
  // reads from accented letters, are such letters (M眉nchen, Krak贸w are München, Kraków read as
  // GBK): whether the character right before may be one, and how long the run of such characters
  // after an ASCII letter is so far.
  let mayBeLetterOfWord = false;
  let lettersRun = 0;
  const done = (): boolean => utf8Codecs === ALL_SINGLE_BYTE && doubleByte && cjk;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const space = code === 0x20;
      if (space) utf8Codecs |= afterLeadOfTwo;
      else if (code === 0x3f) utf8Codecs |= afterLead | afterLeadSpace;
      if (afterSignLead && isAsciiTrail(code)) doubleByte = true;
      // Spaces may stand for every continuation byte a lead needs (E9 A0 A0 is 頠).
      afterLeadSpace = space ? afterLead | afterLeadSpace : 0;
      afterLead = 0;
      afterLeadOfTwo = 0;
      afterDoubleByteHigh = false;
      afterSignLead = false;
      afterNonAscii = false;
      if (mayBeLetterOfWord) {
        if (isAsciiLetterCode(code)) cjk = true;
        mayBeLetterOfWord = false;
      }
      if (done()) break;
      continue;
    }
    const afterAsciiLetter = i > start && isAsciiLetterCode(text.charCodeAt(i - 1));
    let flags: number;
    let role = 0;
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < end) {
      flags = flagsOf(text.slice(i, i + 2));
      i += 1;
    } else {
      flags = flagsAt(code);
      if ((flags & (UTF8_LEAD | UTF8_CONTINUATION)) !== 0) role = roles.get(code) ?? 0;
    }
    const afterAnyLead = afterLead | afterLeadSpace;
    utf8Codecs |= code === 0xfffd ? afterAnyLead : afterAnyLead & (role >>> (2 * codecs));
    if (afterDoubleByteHigh && (flags & DOUBLE_BYTE_HIGH) !== 0) doubleByte = true;
    afterLead = role & ALL_SINGLE_BYTE;
    afterLeadOfTwo = (role >>> codecs) & ALL_SINGLE_BYTE;
    afterDoubleByteHigh = (flags & DOUBLE_BYTE_HIGH) !== 0;
    afterSignLead = (flags & DOUBLE_BYTE_SIGN_LEAD) !== 0;
    afterLeadSpace = 0;
    // A mark of lost bytes says nothing of the characters around it (it is as common in text a
    // first round decoded): the run of rare characters goes on across it.
    if (code === 0xfffd) continue;
    nonAscii += 1;
    if (!cjk) {
      const rare = (flags & RARE) !== 0;
      if (rare && (previous || beforePrevious || afterAsciiLetter)) cjk = true;
      lettersRun = (flags & CJK_READ_TWO_BYTE_UTF8) === 0 ? 0 : afterAsciiLetter ? 1 : afterNonAscii && lettersRun > 0 ? lettersRun + 1 : 0;
      mayBeLetterOfWord = rare || (lettersRun > 0 && lettersRun <= MAX_LETTERS_IN_WORD_RUN);
      anyRare ||= rare;
      beforePrevious = previous;
      previous = rare;
    }
    afterNonAscii = true;
    if (done()) break;
  }
  // Among few non-ASCII characters (a Chinese word in other text), one rare one is enough.
  if (!cjk && anyRare && nonAscii <= FEW_NON_ASCII) cjk = true;
  return { utf8: utf8Codecs !== 0, utf8Codecs, doubleByte, cjk };
}

/** Whether `suspected` holds the family of hypothesis `h` (for UTF-8 read through a single-byte codec, that codec). */
export function suspects(suspected: Suspicion, h: Hypothesis): boolean {
  if (!isSingleByte(h.wrong)) return suspected.cjk;
  return h.right === 'utf-8' ? (suspected.utf8Codecs & (1 << SINGLE_BYTE_WRONG.indexOf(h.wrong))) !== 0 : suspected.doubleByte;
}

// Kana are what GBK makes of common Big5 characters (中 is A4A4, あ in GBK) and what Shift_JIS
// makes of some UTF-8 bytes, so the model takes them for damage; but a run of them is Japanese.
const MIN_KANA_STANDING = 2;
const KANA_RUN = new RegExp(`[\\u3041-\\u30ff]{${MIN_KANA_STANDING},}`, 'gu');
const KANA = /[\u3041-\u30ff]/u;

/**
 * The spans `h` found, less those it cannot be trusted with where it leaves Japanese standing (kana
 * outside every span): spans read through a double-byte codec that do not decode into Japanese,
 * which is UTF-8 here (GBK and Big5 hold Chinese). Such a hypothesis found Japanese text, whose
 * kana and kanji (読み込み, 辿, 視覚) a Chinese model finds rare, not mojibake of it; Japanese
 * damaged beside it decodes into kana.
 */
function withoutJapaneseTakenForDamage(text: string, h: Hypothesis, spans: readonly Span[]): readonly Span[] {
  // What a single-byte codec read was never Japanese (`ä¾‹` is 例 through cp1252).
  if (isSingleByte(h.wrong)) return spans;
  const trusted = h.right === 'utf-8' ? spans.filter((span) => KANA.test(span.decoded)) : [];
  if (trusted.length === spans.length) return spans;
  // Spans come in order and do not overlap: one walk along them and the runs.
  let next = 0;
  for (const run of text.matchAll(KANA_RUN)) {
    const end = run.index + run[0].length;
    let standing = 0;
    for (let at = run.index; at < end; at += 1) {
      while (next < spans.length && (spans[next] as Span).end <= at) next += 1;
      const inside = next < spans.length && (spans[next] as Span).start <= at;
      standing = inside ? 0 : standing + 1;
      if (standing === MIN_KANA_STANDING) return trusted;
    }
  }
  return spans;
}

/** The start of the line of each of `spans` (in order) in `text`: one walk along the text. */
function lineStarts(text: string, spans: readonly Span[]): number[] {
  let lineStart = 0;
  let lineEnd = -1;
  return spans.map((span) => {
    if (span.start > lineEnd) {
      lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
      lineEnd = text.indexOf('\n', span.start);
      if (lineEnd < 0) lineEnd = text.length;
    }
    return lineStart;
  });
}

/** By line (its start), what each hypothesis gains there with its `spans`, whose lines are `lines` (lineStarts). */
function gainsByLine(spans: ReadonlyMap<Hypothesis, readonly Span[]>, lines: ReadonlyMap<Hypothesis, readonly number[]>): Map<number, Map<Hypothesis, number>> {
  const gains = new Map<number, Map<Hypothesis, number>>();
  for (const [hypothesis, found] of spans) {
    (lines.get(hypothesis) as readonly number[]).forEach((line, i) => {
      let ofLine = gains.get(line);
      if (!ofLine) gains.set(line, (ofLine = new Map()));
      ofLine.set(hypothesis, (ofLine.get(hypothesis) ?? 0) + (found[i] as Span).gain);
    });
  }
  return gains;
}

/**
 * The spans `h` found, less those in lines another hypothesis explains clearly better (by MIN_GAIN
 * more): a document gathered from several sources may hold lines damaged by different codecs, and
 * the hypothesis that gains most over the whole document also finds small spans in the others
 * (Å¬ of GBK read as Latin-1 is Ŭ in UTF-8), which would leave them no longer repairable. Those
 * lines are repaired in a later round, by their own hypothesis.
 */
function withoutLinesOthersExplain(
  h: Hypothesis,
  spans: readonly Span[],
  lines: readonly number[],
  lineGains: ReadonlyMap<number, ReadonlyMap<Hypothesis, number>>,
): readonly Span[] {
  return spans.filter((_, i) => {
    const gains = lineGains.get(lines[i] as number) as ReadonlyMap<Hypothesis, number>;
    const own = gains.get(h) ?? 0;
    for (const gain of gains.values()) if (gain > own + MIN_GAIN) return false;
    return true;
  });
}

/**
 * Lines searched in vain, kept across the calls of one repair, each with what its verdict
 * depended on in the rest of the document (see contextKey).
 */
export interface SearchMemo {
  readonly cleanLines: Map<string, string>;
}

/**
 * What a line's verdict depends on outside the line: for each script, whether the document holds
 * more of it than the line does (novelty), and how many letters are outside, up to the number
 * that makes a context. Equal keys give equal verdicts, so a clean line is not searched again.
 */
function contextKey(line: string, context: DocumentContext): string {
  const { scriptCounts: own, letters: ownLetters } = documentContext(line);
  const outside = [...context.scriptCounts]
    .filter(([script, count]) => count > (own.get(script) ?? 0))
    .map(([script]) => script)
    .sort()
    .join(' ');
  return `${Math.min(context.letters - ownLetters, MIN_CONTEXT_LETTERS)}|${outside}`;
}

/** Spans cover at least this share of a segment's characters beyond ASCII, and this many, to explain it all. */
const NEARLY_ALL = 0.9;
const MIN_EXPLAINED = 8;

/** Whether `spans` of `segment` (at `at` in its document) cover nearly all its characters beyond ASCII. */
function coversNearlyAll(segment: string, at: number, spans: readonly Span[]): boolean {
  let covered = 0;
  for (const span of spans) covered += nonAsciiCount(segment.slice(span.start - at, span.end - at));
  return covered >= MIN_EXPLAINED && covered >= NEARLY_ALL * nonAsciiCount(segment);
}

/**
 * Whether the damage through `codec` in `text` was read by a strict decoder (Python's, with
 * errors='replace'), which loses one byte at a time where browsers lose a pair: the text holds no
 * rare character that only a browser's decoder makes of its code (U+0080 of 80 through Shift_JIS,
 * Big5's Hong Kong characters, the Hangul of code page 949 beyond KS X 1001), which a browser
 * makes of the bytes of any paragraph of UTF-8 Chinese. Common characters say nothing: the Hong
 * Kong codes hold 个 and 点 too.
 */
function readsStrictly(text: string, codec: CodecName): boolean {
  const encode = charEncoder(codec);
  for (const char of text) {
    if (char.charCodeAt(0) < ASCII_CODE_LIMIT || !isRare(char)) continue;
    const bytes = encode(char);
    if (bytes && !strictlyReadable(codec, bytes)) return false;
  }
  return true;
}

/** What lost bytes in `text` are guessed with, its `spans` (in order) decoded. */
function guessContextOf(text: string, spans: readonly Span[]): GuessContext {
  let decodedDocument = '';
  let from = 0;
  let quotes = 0;
  const openQuotes = new Map<number, number>();
  const read = (part: string): void => {
    decodedDocument += part;
    for (const char of part) quotes = char === '\n' ? 0 : quotesAfter(char, quotes);
  };
  for (const span of spans) {
    read(text.slice(from, span.start));
    openQuotes.set(span.start, quotes);
    read(span.decoded);
    from = span.end;
  }
  read(text.slice(from));
  return { documentPairs: pairCounts(decodedDocument), openQuotes };
}

/**
 * The hypothesis that would make the text most natural, with its spans; `null` if none helps.
 * `memo`, kept across the calls of one repair, holds lines already searched in vain, so that
 * later rounds search only lines that changed.
 */
export function findMojibake(
  text: string,
  maxSegmentLength = Infinity,
  memo: SearchMemo = { cleanLines: new Map() },
  guess = true,
): MojibakeFinding | null {
  if (!NON_ASCII.test(text)) return null;
  let context: DocumentContext | undefined;
  const { cleanLines } = memo;
  const totals = new Map<Hypothesis, Span[]>();
  // Only holes are read differently by a strict decoder: asked once per codec, where there are
  // some (looked for once: the question comes for every line).
  const holes = text.includes(REPLACEMENT);
  const strictness = new Map<CodecName, boolean>();
  const strictFor = ({ wrong, right }: Hypothesis): boolean => {
    if (!holes || right !== 'utf-8' || isSingleByte(wrong)) return false;
    let strict = strictness.get(wrong);
    if (strict === undefined) strictness.set(wrong, (strict = readsStrictly(text, wrong)));
    return strict;
  };
  // How to guess each hypothesis' lost bytes: they are guessed only for the chosen one.
  const guessers = new Map<Hypothesis, GuessLater>();
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    // A very long line is searched in segments, cut between code points. Segments that no family
    // is suspected in need no search, whatever the rest of the document holds.
    const segments: { at: number; cut: number; suspected: Suspicion }[] = [];
    for (let at = lineStart; at < lineEnd; ) {
      let cut = Math.min(lineEnd, at + maxSegmentLength);
      if (cut < lineEnd && text.charCodeAt(cut) >= 0xdc00 && text.charCodeAt(cut) < 0xe000) cut += 1;
      const suspected = suspicion(text, at, cut);
      if (suspected.utf8 || suspected.doubleByte || suspected.cjk) segments.push({ at, cut, suspected });
      at = cut;
    }
    if (segments.length > 0) {
      context ??= documentContext(text);
      const line = text.slice(lineStart, lineEnd);
      const key = contextKey(line, context);
      if (cleanLines.get(line) !== key) {
        let found = false;
        for (const { at, cut, suspected } of segments) {
          const segment = at === lineStart && cut === lineEnd ? line : text.slice(at, cut);
          const points = codePoints(segment);
          let madeOfUtf8 = false;
          for (const hypothesis of HYPOTHESES) {
            if (!suspects(suspected, hypothesis)) continue;
            // A line that a CJK codec made of UTF-8 nearly all through is no GBK read as Big5 (or
            // the reverse) as well: those searches are the dearest on such text, and in vain.
            if (madeOfUtf8 && BETWEEN_DOUBLE_BYTE.includes(hypothesis)) continue;
            let later = guessers.get(hypothesis);
            if (guess && !later) guessers.set(hypothesis, (later = new Map()));
            const spans = findSpans(segment, hypothesis, context, at, points, null, later, strictFor(hypothesis));
            if (hypothesis.right === 'utf-8' && !isSingleByte(hypothesis.wrong) && coversNearlyAll(segment, at, spans)) madeOfUtf8 = true;
            if (spans.length > 0) {
              found = true;
              const list = totals.get(hypothesis);
              if (list) list.push(...spans);
              else totals.set(hypothesis, spans);
            }
          }
        }
        if (!found) cleanLines.set(line, key);
      }
    }
    lineStart = lineEnd + 1;
  }
  const trusted = new Map<Hypothesis, readonly Span[]>();
  for (const [hypothesis, found] of totals) trusted.set(hypothesis, withoutJapaneseTakenForDamage(text, hypothesis, found));
  const lines = new Map([...trusted].map(([hypothesis, found]) => [hypothesis, lineStarts(text, found)]));
  const lineGains = gainsByLine(trusted, lines);
  let best: MojibakeFinding | null = null;
  for (const hypothesis of HYPOTHESES) {
    const found = trusted.get(hypothesis);
    if (!found) continue;
    const spans = withoutLinesOthersExplain(hypothesis, found, lines.get(hypothesis) as readonly number[], lineGains);
    if (spans.length === 0) continue;
    const gain = spans.reduce((sum, span) => sum + span.gain, 0);
    if (!best || gain > best.gain) best = { hypothesis, spans, gain, strict: strictFor(hypothesis) };
  }
  const later = best && guessers.get(best.hypothesis);
  if (!best || !later || later.size === 0) return best;
  // The same spans, with their lost bytes guessed (gains do not change), knowing the document as
  // the spans decode it.
  const guessContext = guessContextOf(text, best.spans);
  return { ...best, spans: best.spans.map((span) => later.get(span.start)?.(guessContext) ?? span) };
}
