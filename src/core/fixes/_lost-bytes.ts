// Bytes a decoder rejected while reading UTF-8 (each rejection left one U+FFFD, or a ? from an
// encoder, and lost one or two bytes) and the characters they broke. The codec that rejected them
// narrows what they were: a single-byte codec one of the bytes it leaves undefined (five for
// cp1252); GB18030 drops a byte it cannot pair with the ASCII byte after it; Big5, Shift_JIS and
// EUC-KR (as browsers decode them) mostly drop a lead byte together with a non-ASCII trail they
// cannot pair with it (what each rejects is read off the decoder itself); Python's strict
// decoders drop such a lead byte alone (strictRejectsBefore). With the bytes that
// survived on either side of the hole, the broken character must be one valid UTF-8 sequence: a
// few dozen to a few thousand candidates, judged by their neighbours.
import { decodeWith, isSingleByte, strictRejectsBefore, undefinedBytes, type CodecName } from '../codecs.js';
import {
  charCost,
  costBetween,
  DOCUMENT_PAIR_BONUS,
  documentPairBonus,
  isChinese,
  OTHER_SCRIPT_COST,
  pairCost,
  sideBound,
  takesBackPairs,
  UNMATCHED_CLOSER_COST,
  WORD_PAIR_BONUS,
  wordPairBonus,
  type PairCounts,
} from '../_naturalness.js';
import { characterScript } from '../_opencc.js';
import { closesOne, openCount, quotesAfter } from '../_quotes.js';
import { LOST } from './mark.js';

export interface HoleFill {
  /** Which hole (0 for the first cut) the bytes fill. */
  readonly hole: number;
  readonly bytes: Uint8Array;
  /** The character the bytes complete. */
  readonly char: string;
  /** How much costlier the next candidate was (in the naturalness model's units, natural logs). */
  readonly margin: number;
}

/**
 * A hole with more candidates than this stays marked: among thousands (two continuation bytes
 * lost to Big5) context does not single one out, and judging them is slow.
 */
const MAX_CANDIDATES = 600;
/**
 * Two holes between which two characters broke hold as many candidates as one times the other:
 * each character is judged alone first, and both together only where that could still win (see
 * fillHoles). Past this many, they stay marked (tune split, Shift_JIS: 8,000 gave 8.92% against
 * 9.16% and took 40% longer on text damaged throughout; 600 left 的简 itself marked).
 */
const MAX_CANDIDATES_ACROSS = 1500;
/**
 * How much less two characters can cost together (costBetween of the run) than the first beside
 * the left context and the second beside the right, each alone: a word pair between them, and
 * closing brackets (the second and two after it) that the first or the left context opens.
 */
const PAIR_OF_HOLES_SLACK = WORD_PAIR_BONUS + 3 * UNMATCHED_CLOSER_COST;
const NO_PAIRS: PairCounts = new Map();
/**
 * What a closing quotation mark takes off a filling where its opening one is still open in its
 * line: news paragraphs end in 。” (。」 in Traditional), and UTF-8 read as GBK loses the mark's
 * last byte at the line's end, where ’ … — and ” (or 。 and 」) are otherwise alike to the model.
 */
const CLOSING_QUOTE_BONUS = UNMATCHED_CLOSER_COST;

/**
 * What the quotation marks of a filling cost with `quotes` open before them (see _quotes.ts): one
 * that closes a quotation is likely; a ” that closes none is not (costBetween charges 」 and 』).
 */
function quoteCost(chars: readonly string[], quotes: number): number {
  let cost = 0;
  for (const char of chars) {
    if (closesOne(char, quotes)) cost -= CLOSING_QUOTE_BONUS;
    else if (char === '”') cost += UNMATCHED_CLOSER_COST;
    quotes = quotesAfter(char, quotes);
  }
  return cost;
}

// Quotation marks by their three bytes in UTF-8 (E2 80 9C is “), as one number.
const QUOTE_BY_BYTES: ReadonlyMap<number, string> = new Map(
  [...'“”「」『』'].map((mark) => {
    const [a, b, c] = new TextEncoder().encode(mark);
    return [((a as number) << 16) | ((b as number) << 8) | (c as number), mark];
  }),
);
const QUOTE_MIDDLE = 0x80;

/**
 * The quotations open before a hole of a span, read along its bytes as they stand (fillings
 * included, so that a 」 filled before closes its 「 for the holes after): on from where the last
 * question stopped, or from the start when asked of an earlier byte.
 */
class QuoteReader {
  private position = 0;
  private quotes: number;

  constructor(
    private readonly state: Holes,
    private readonly before: number,
  ) {
    this.quotes = before;
  }

  /**
   * The quotations open before byte `at`, the start of a broken character: the reading stops
   * before it, so that once filled it is read with what follows.
   */
  at(at: number): number {
    if (at < this.position) [this.position, this.quotes] = [0, this.before];
    const { bytes } = this.state;
    for (; this.position < at; this.position += 1) {
      if (bytes[this.position + 1] !== QUOTE_MIDDLE || this.position + 2 >= at) continue;
      const mark = QUOTE_BY_BYTES.get(((bytes[this.position] as number) << 16) | (QUOTE_MIDDLE << 8) | (bytes[this.position + 2] as number));
      if (mark !== undefined) this.quotes = quotesAfter(mark, this.quotes);
    }
    return this.quotes;
  }
}

/** What a span's holes are judged by beyond its bytes (see fillHoles). */
export interface Surroundings {
  /** The text before the span, and after it (empty at the end of a line). */
  readonly before?: string;
  readonly after?: string;
  /** The script the span's decoded text is written in. */
  readonly script?: 'simplified' | 'traditional' | 'mixed' | null;
  /** The pairs its document shows where no byte was lost (documentPairBonus). */
  readonly documentPairs?: PairCounts;
  /** The quotations its line leaves open before it (see _quotes.ts). */
  readonly openQuotes?: number;
  /**
   * Whether a strict decoder (Python's) read the damage, which loses a lead byte alone before a
   * byte it cannot pair with it and reads that byte again (see strictRejectsBefore).
   */
  readonly strict?: boolean;
}
/**
 * Candidates looked at per span at most (judged, or set aside by their pairs beside the hole):
 * this many per character of the span, and a base.
 */
const CANDIDATES_PER_CHAR = 8;
const CANDIDATES_BASE = 2000;
// The context model knows Chinese: mojibake of a single-byte codec is as often Latin, Cyrillic or
// Tamil text (`â�’` inside a Latin one), where a hole with no Chinese character near it has no
// evidence to be filled from.
/** Passes over the holes at most (see fillHoles). */
const PASSES = 2;
/** Characters of context on each side of a broken character. */
const CONTEXT_CHARS = 2;
/** Bytes read on each side for that context: enough for two four-byte characters. */
const CONTEXT_BYTES = 4 * CONTEXT_CHARS + 3;
/**
 * Characters that a repair must never produce beyond marks of lost bytes (and no filled hole may
 * produce at all): they would be worse than the mojibake. Private-use characters are what Big5
 * decoders make of codes outside the standard set: no text to recover.
 */
export const FORBIDDEN_OUTPUT = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cn}\p{Co}]/u;

export const isContinuation = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** The lowest code point a sequence of each length may spell (lower ones are overlong forms). */
const SHORTEST_CODE = [0, 0, 0x80, 0x800, 0x10000] as const;

/** The character the first `length` bytes of `sequence` spell, or `null` if they are not one valid UTF-8 sequence. */
function decodeSequence(sequence: Uint8Array, length: number): string | null {
  const lead = sequence[0] as number;
  if (sequenceLength(lead) !== length) return null;
  let code = lead & (0x7f >> length);
  for (let at = 1; at < length; at += 1) {
    const byte = sequence[at] as number;
    if (!isContinuation(byte)) return null;
    code = (code << 6) | (byte & 0x3f);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not characters.
  if (code < (SHORTEST_CODE[length] as number) || (code >= 0xd800 && code < 0xe000) || code > 0x10ffff) return null;
  return String.fromCodePoint(code);
}

/** The length of the UTF-8 sequence a lead byte starts (0 for a byte that starts none). */
export function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Where the incomplete sequence that ends `bytes[from, to)` starts (`to` when it ends complete). */
export function incompleteTail(bytes: Uint8Array, from: number, to: number): number {
  for (let at = to - 1; at >= Math.max(from, to - 3); at -= 1) {
    const byte = bytes[at] as number;
    if (isContinuation(byte)) continue;
    return sequenceLength(byte) > to - at ? at : to;
  }
  return to;
}

/**
 * How many bytes a decoder lost where it wrote one U+FFFD, given the byte after the hole: one, or
 * two before a non-ASCII byte for a browser's decoder that mostly drops a lead byte together with
 * the continuation byte it cannot pair with it (Big5, Shift_JIS and EUC-KR do; GB18030 pairs any
 * two; measured on the decoder itself). A `strict` decoder (Python's) drops one byte at a time.
 */
export function lostBytes(wrong: CodecName | undefined, next: number | undefined, strict = false): number {
  return !strict && wrong !== undefined && next !== undefined && next >= 0x80 && pairsRejectedBy(wrong).mostly ? 2 : 1;
}

// Pairs of non-ASCII bytes that a codec rejects as a unit, by the shape they can have inside UTF-8
// (two continuation bytes; a lead byte of a sequence of 2, 3 or 4 bytes and a continuation byte;
// a continuation byte and the lead byte of the next sequence), and single bytes it rejects before
// a given next byte: computed once per codec (and next byte) from the decoder itself.
interface RejectedPairs {
  readonly continuations: readonly (readonly number[])[];
  readonly byLength: readonly (readonly (readonly number[])[])[];
  /** A continuation byte and a lead byte, by the length of the sequence the lead byte starts. */
  readonly acrossBoundary: readonly (readonly (readonly number[])[])[];
  /** Whether the codec more often rejects a lead byte with the continuation byte after it than alone. */
  readonly mostly: boolean;
}
const rejectedPairs = new Map<CodecName, RejectedPairs>();
const rejectedSingles = new Map<string, readonly number[]>();

function pairsRejectedBy(codec: CodecName): RejectedPairs {
  let pairs = rejectedPairs.get(codec);
  if (!pairs && isSingleByte(codec)) {
    pairs = { continuations: [], byLength: [], acrossBoundary: [], mostly: false };
    rejectedPairs.set(codec, pairs);
  }
  if (!pairs) {
    const continuations: number[][] = [];
    const byLength: number[][][] = [[], [], [], [], []];
    let leadsAlone = 0;
    for (let lead = 0x80; lead <= 0xff; lead += 1) {
      for (let trail = 0x80; trail <= 0xbf; trail += 1) {
        const decoded = decodeWith(Uint8Array.of(lead, trail), codec);
        if (decoded !== LOST) {
          if (decoded.startsWith(LOST)) leadsAlone += 1;
          continue;
        }
        if (isContinuation(lead)) continuations.push([lead, trail]);
        else byLength[sequenceLength(lead)]?.push([lead, trail]);
      }
    }
    const acrossBoundary: number[][][] = [[], [], [], [], []];
    for (let first = 0x80; first <= 0xbf; first += 1) {
      for (let lead = 0xc2; lead <= 0xf4; lead += 1) {
        if (decodeWith(Uint8Array.of(first, lead), codec) === LOST) acrossBoundary[sequenceLength(lead)]?.push([first, lead]);
      }
    }
    const rejected = continuations.length + byLength.reduce((sum, list) => sum + list.length, 0);
    pairs = { continuations, byLength, acrossBoundary, mostly: rejected > leadsAlone };
    rejectedPairs.set(codec, pairs);
  }
  return pairs;
}

const SPACE = 0x20;

function singlesRejectedBy(codec: CodecName, next: number | undefined, strict: boolean): readonly number[] {
  // A single-byte codec rejects the bytes it leaves undefined, whatever follows.
  if (isSingleByte(codec)) return undefinedBytes(codec);
  const key = `${codec} ${next ?? ''} ${strict}`;
  let singles = rejectedSingles.get(key);
  if (!singles) {
    // A space ends the probe: GB18030 takes a lead byte and a digit for the start of a four-byte
    // code, and at the end of the input loses the digit with the lead byte.
    const after = next === undefined ? '' : decodeWith(Uint8Array.of(next, SPACE), codec);
    const found: number[] = [];
    for (let byte = 0x80; byte <= 0xff; byte += 1) {
      const probe = next === undefined ? Uint8Array.of(byte) : Uint8Array.of(byte, next, SPACE);
      if (decodeWith(probe, codec) === LOST + after) found.push(byte);
    }
    // A strict decoder loses more bytes alone (Python's gbk reads 一, E4 B8 80, as 涓 and a mark).
    // A browser's GBK leaves no hole before a non-ASCII byte: there they are always candidates.
    if (strict || codec === 'gbk' || codec === 'gb18030') for (const byte of strictRejectsBefore(codec, next)) if (!found.includes(byte)) found.push(byte);
    singles = found;
    rejectedSingles.set(key, singles);
  }
  return singles;
}

/**
 * What the lost bytes of a hole could have been, with the characters they complete (one, or two
 * where the hole ends one character and starts the next) and what judging them needs that does
 * not depend on their place.
 */
interface Candidate {
  readonly lost: readonly number[];
  readonly chars: readonly string[];
  /** The characters as one string. */
  readonly char: string;
  /** The least the characters can cost before their neighbours count: their own costs, less what a word pair between them takes off. */
  readonly floor: number;
  readonly scripts: readonly ('simplified' | 'traditional' | null)[];
  /** What its word pairs could take off with a neighbour before it and after it (wordPairBonus; 0 if not Han). */
  readonly bonusBefore: number;
  readonly bonusAfter: number;
  /** Whether one of its characters can take a pair's cost back (takesBackPairs). */
  readonly takesBack: boolean;
}
const candidateLists = new Map<string, readonly Candidate[] | null>();
/** Lists kept at most: the keys are the bytes around a hole, of which text repeats few. */
const MAX_CANDIDATE_LISTS = 4096;

/**
 * What the bytes a `wrong` decoder rejected, between the bytes that survived before (`prefix`, an
 * incomplete sequence) and after (`suffix`, continuation bytes) a hole, could have been,
 * cheapest first; `null` for more than MAX_CANDIDATES. `next` is the byte after the hole, which
 * decides what a decoder rejects alone. Worked out once per codec and surrounding bytes.
 */
function candidatesFor(wrong: CodecName, prefix: Uint8Array, suffix: Uint8Array, next: number | undefined, strict: boolean): readonly Candidate[] | null {
  // The lost bytes complete what the bytes around them leave broken: the continuation bytes an
  // open sequence lacks (the suffix continuing it too), or a lead byte and what its sequence
  // lacks before the suffix; or both, the last byte of the open sequence and the lead byte of the
  // one the suffix ends, a pair that a decoder reading bytes in pairs drops together (Shift_JIS
  // and EUC-KR: 标准 is E6 A0 87 E5 87 86, and Shift_JIS has no character 87 E5). The one the
  // suffix ends must then have three bytes (Han, Chinese marks): where it had two (Latin, Greek,
  // Arabic digits) the winners were mostly wrong, holes of another shape (tune split, Shift_JIS:
  // 23 more wrong characters for 42 fewer marks).
  const needed = prefix.length > 0 ? sequenceLength(prefix[0] as number) - prefix.length : 0;
  const open = needed - suffix.length;
  const acrossBoundary = needed === 1 && suffix.length === 2;
  const fits = (byte: number): boolean => (prefix.length > 0 ? open === 1 && isContinuation(byte) : sequenceLength(byte) === 1 + suffix.length);
  const singles = singlesRejectedBy(wrong, next, strict).filter(fits);
  // The next byte matters only through the single bytes it lets the decoder reject.
  const key = `${wrong} ${prefix.join(',')} ${suffix.join(',')} ${singles.join(',')}`;
  const known = candidateLists.get(key);
  if (known !== undefined) return known;
  const pairs = pairsRejectedBy(wrong);
  const pairOptions = acrossBoundary
    ? pairs.acrossBoundary[1 + suffix.length]
    : prefix.length > 0
      ? open === 2 && pairs.continuations
      : pairs.byLength[2 + suffix.length];
  const found: { lost: readonly number[]; chars: string[] }[] = [];
  const sequence = new Uint8Array(8);
  /** The character `head` and `tail` spell with `prefix` before them and `suffix` after, or null. */
  const spell = (head: Uint8Array | readonly number[], tail: Uint8Array | readonly number[]): string | null => {
    let length = 0;
    for (const byte of head) sequence[length++] = byte;
    for (const byte of tail) sequence[length++] = byte;
    const char = decodeSequence(sequence, length);
    return char !== null && !FORBIDDEN_OUTPUT.test(char) ? char : null;
  };
  for (const lost of [...singles.map((byte) => [byte]), ...(pairOptions || [])]) {
    const chars = acrossBoundary
      ? [spell(prefix, lost.slice(0, 1)), spell(lost.slice(1), suffix)]
      : [spell(prefix, [...lost, ...suffix])];
    if (chars.every((char) => char !== null)) found.push({ lost, chars: chars as string[] });
  }
  // Too many to tell apart: not worth the costs of each.
  const list =
    found.length > MAX_CANDIDATES
      ? null
      : found
          .map(({ lost, chars }) => ({
            lost,
            chars,
            char: chars.join(''),
            floor: chars.reduce((sum, char) => sum + charCost(char), 0) - (chars.length - 1) * WORD_PAIR_BONUS,
            scripts: chars.map(characterScript),
            bonusBefore: wordPairBonus(chars[0] as string, 'before') ?? 0,
            bonusAfter: wordPairBonus(chars[chars.length - 1] as string, 'after') ?? 0,
            takesBack: chars.some(takesBackPairs),
          }))
          .sort((a, b) => a.floor - b.floor);
  if (candidateLists.size >= MAX_CANDIDATE_LISTS) candidateLists.clear();
  candidateLists.set(key, list);
  return list;
}

/** The costs of the pairs `chars` make with the characters beside them. */
function pairsBeside(chars: readonly string[], previous: string | undefined, next: string | undefined): number {
  return (previous === undefined ? 0 : pairCost(previous, chars[0] as string)) + (next === undefined ? 0 : pairCost(chars[chars.length - 1] as string, next));
}

/** What two holes' lost bytes could have been together (see candidatesAcross). */
interface PairOfHolesCandidate {
  readonly lost: readonly [readonly number[], readonly number[]];
  readonly chars: readonly string[];
  readonly scripts: readonly ('simplified' | 'traditional' | null)[];
}
const pairOfHolesLists = new Map<string, readonly PairOfHolesCandidate[] | null>();

const rejectedBeforeNext = new Map<string, readonly (readonly number[])[]>();

/** Every byte and pair `wrong` rejects before `next` (one U+FFFD each) that may stand inside UTF-8. */
function rejectedBefore(wrong: CodecName, next: number | undefined, strict: boolean): readonly (readonly number[])[] {
  const key = `${wrong} ${next ?? ''} ${strict}`;
  let options = rejectedBeforeNext.get(key);
  if (!options) {
    const pairs = pairsRejectedBy(wrong);
    options = [...singlesRejectedBy(wrong, next, strict).map((byte) => [byte]), ...pairs.continuations, ...pairs.byLength.flat(), ...pairs.acrossBoundary.flat()];
    rejectedBeforeNext.set(key, options);
  }
  return options;
}

const rejectedShapes = new Map<string, readonly (readonly (readonly number[])[])[][]>();

/**
 * rejectedBefore, by shape: `[open][left]` lists the options that leave `left` continuation bytes
 * lacking after a sequence that lacked `open` (whole sequences by their shape; most are not).
 */
function rejectedByShape(wrong: CodecName, next: number | undefined, strict: boolean): readonly (readonly (readonly number[])[])[][] {
  const key = `${wrong} ${next ?? ''} ${strict}`;
  let shapes = rejectedShapes.get(key);
  if (!shapes) {
    const byShape: (readonly number[])[][][] = [0, 1, 2, 3].map(() => [[], [], [], []]);
    for (const option of rejectedBefore(wrong, next, strict)) {
      for (let open = 0; open < 4; open += 1) {
        const left = stillOpen(option, open);
        if (left >= 0) byShape[open]?.[left]?.push(option);
      }
    }
    rejectedShapes.set(key, (shapes = byShape));
  }
  return shapes;
}

const spelled = new Uint8Array(4);
/** The characters `bytes` spell as UTF-8, or null unless they are whole characters a repair may output. */
function spellAll(bytes: readonly number[]): string[] | null {
  const chars: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes[at] as number);
    if (length === 0 || at + length > bytes.length) return null;
    for (let k = 0; k < length; k += 1) spelled[k] = bytes[at + k] as number;
    const char = decodeSequence(spelled, length);
    if (char === null || FORBIDDEN_OUTPUT.test(char)) return null;
    chars.push(char);
    at += length;
  }
  return chars;
}

/**
 * How many continuation bytes the last sequence of `bytes` still lacks, after `open` that an
 * earlier part left lacking; -1 where the bytes cannot be UTF-8 so far (or `open` is -1).
 */
function stillOpen(bytes: ArrayLike<number>, open = 0): number {
  for (let at = 0; at < bytes.length && open >= 0; at += 1) {
    const byte = bytes[at] as number;
    if (open > 0) {
      if (!isContinuation(byte)) return -1;
      open -= 1;
    } else {
      const length = sequenceLength(byte);
      if (length === 0) return -1;
      open = length - 1;
    }
  }
  return open;
}

/**
 * What the lost bytes of two holes with `between` (continuation bytes) between them could have
 * been, where `prefix` survived before the first and `suffix` after the second: each hole any
 * byte or pair the decoder rejects there, and together whole UTF-8 characters; `null` for none or
 * more than MAX_CANDIDATES_ACROSS. `next` is the byte after the second hole. Worked out once per codec and bytes.
 */
function candidatesAcross(
  wrong: CodecName,
  prefix: Uint8Array,
  between: Uint8Array,
  suffix: Uint8Array,
  next: number | undefined,
  strict: boolean,
): readonly PairOfHolesCandidate[] | null {
  const key = `${wrong} ${prefix.join(',')} ${between.join(',')} ${suffix.join(',')} ${next ?? ''} ${strict}`;
  const known = pairOfHolesLists.get(key);
  if (known !== undefined) return known;
  const found: PairOfHolesCandidate[] = [];
  const secondOptions = rejectedByShape(wrong, next, strict);
  const afterPrefix = stillOpen(prefix);
  // The suffix is continuation bytes: the second hole's bytes must leave as many lacking.
  const lackingBeforeSuffix = suffix.length;
  for (const first of rejectedBefore(wrong, between[0], strict)) {
    const open = stillOpen(between, stillOpen(first, afterPrefix));
    if (open < 0) continue;
    const head = [...prefix, ...first, ...between];
    for (const second of secondOptions[open]?.[lackingBeforeSuffix] ?? []) {
      const chars = spellAll([...head, ...second, ...suffix]);
      if (chars) found.push({ lost: [first, second], chars, scripts: chars.map(characterScript) });
    }
    if (found.length > MAX_CANDIDATES_ACROSS) break;
  }
  const list = found.length === 0 || found.length > MAX_CANDIDATES_ACROSS ? null : found;
  if (pairOfHolesLists.size >= MAX_CANDIDATE_LISTS) pairOfHolesLists.clear();
  pairOfHolesLists.set(key, list);
  return list;
}

/** The characters of `bytes` after the last mark (left context) or before the first (right). */
function contextOf(bytes: Uint8Array, side: 'left' | 'right'): string[] {
  const parts = decodeWith(bytes, 'utf-8').split(LOST);
  const chars = Array.from(side === 'left' ? (parts.at(-1) as string) : (parts[0] as string));
  return side === 'left' ? chars.slice(-CONTEXT_CHARS) : chars.slice(0, CONTEXT_CHARS);
}

/** The cheapest of the candidates offered, and how much dearer the next was. */
class Cheapest<T> {
  best: T | null = null;
  cost = Infinity;
  second = Infinity;

  offer(candidate: T, cost: number): void {
    if (cost < this.cost) {
      this.second = this.cost;
      this.best = candidate;
      this.cost = cost;
    } else if (cost < this.second) this.second = cost;
  }

  get margin(): number {
    return this.second - this.cost;
  }
}

/** The holes left to fill: the span's bytes, where bytes are missing, and which hole each cut is. */
interface Holes {
  bytes: Uint8Array;
  readonly cuts: number[];
  readonly holes: number[];
}

/** Put `lost` into the hole at `index` of `state`: that hole is gone, the later cuts move. */
function fillAt(state: Holes, index: number, lost: readonly number[]): void {
  const { bytes, cuts, holes } = state;
  const cut = cuts[index] as number;
  const grown = new Uint8Array(bytes.length + lost.length);
  grown.set(bytes.subarray(0, cut));
  grown.set(lost, cut);
  grown.set(bytes.subarray(cut), cut + lost.length);
  state.bytes = grown;
  cuts.splice(index, 1);
  holes.splice(index, 1);
  for (let later = index; later < cuts.length; later += 1) cuts[later] = (cuts[later] as number) + lost.length;
}

/**
 * Where the broken characters around the holes `first` to `last` of `state` begin and end (the
 * bytes that survived before the first and after the last), or null where more continuation bytes
 * follow than a character holds (no filling makes that valid UTF-8).
 */
function brokenAround(state: Holes, first: number, last: number): { prefixStart: number; suffixEnd: number } | null {
  const { bytes, cuts } = state;
  const previousCut = first > 0 ? (cuts[first - 1] as number) : 0;
  const lastCut = cuts[last] as number;
  const nextCut = last + 1 < cuts.length ? (cuts[last + 1] as number) : bytes.length;
  let suffixEnd = lastCut;
  while (suffixEnd < nextCut && suffixEnd - lastCut < 3 && isContinuation(bytes[suffixEnd])) suffixEnd += 1;
  if (suffixEnd < nextCut && isContinuation(bytes[suffixEnd])) return null;
  return { prefixStart: incompleteTail(bytes, previousCut, cuts[first] as number), suffixEnd };
}

/**
 * The characters around the broken ones (see brokenAround) of the holes `first` to `last`, up to
 * the holes on either side: `before` the span at its start, `after` it (or a line break) at its end.
 */
function contextAround(state: Holes, first: number, last: number, prefixStart: number, suffixEnd: number, before: string, after: string): { left: string[]; right: string[] } {
  const { bytes, cuts } = state;
  const previousCut = first > 0 ? (cuts[first - 1] as number) : 0;
  const nextCut = last + 1 < cuts.length ? (cuts[last + 1] as number) : bytes.length;
  const leftFrom = Math.max(previousCut, prefixStart - CONTEXT_BYTES);
  const rightTo = Math.min(nextCut, suffixEnd + CONTEXT_BYTES);
  let left = contextOf(bytes.subarray(leftFrom, prefixStart), 'left');
  let right = contextOf(bytes.subarray(suffixEnd, rightTo), 'right');
  if (leftFrom === 0 && first === 0 && left.length < CONTEXT_CHARS) left = [...Array.from(before), ...left];
  // Nothing after the span is the end of its line, which says much about punctuation (。 or ，);
  // not where another hole stands before it.
  if (rightTo === bytes.length && last + 1 >= cuts.length && right.length < CONTEXT_CHARS) right = [...right, ...Array.from(after || '\n')];
  return { left, right };
}

/**
 * Fill the holes of UTF-8 `bytes` (lost bytes at `cuts`, which a `wrong` decoder rejected), left
 * to right: each with the bytes whose character reads most naturally between its neighbours, when
 * it beats the next candidate by `minMargin`; then pairs of holes that broke characters between
 * them. `spanLength` is the span's length in characters. Besides the neighbours, the span's
 * `surroundings` say which script is likelier, which pairs the document writes (11�15日 is 11月15日
 * in a document that writes 10月份), and whether a ” has a “ to close.
 */
export function fillHoles(
  spanBytes: Uint8Array,
  spanCuts: readonly number[],
  wrong: CodecName,
  minMargin: number,
  spanLength: number,
  { before = '', after = '', script = null, documentPairs = NO_PAIRS, openQuotes = 0, strict = false }: Surroundings = {},
): HoleFill[] {
  // The document's pairs hold no pair of a hole (its character is a mark there).
  const pairs = { document: documentPairs, place: NO_PAIRS };
  // Bounded work, linear in the span's length: once spent, the remaining holes stay marked.
  let budget = CANDIDATES_BASE + CANDIDATES_PER_CHAR * spanLength;
  const judge = (quotes: number, chars: readonly string[], scripts: readonly ('simplified' | 'traditional' | null)[], left: readonly string[], right: readonly string[]): number => {
    budget -= 1;
    let cost = costBetween(left, chars, right, quotes) + quoteCost(chars, quotes);
    const previous = left[left.length - 1];
    if (previous !== undefined) cost -= documentPairBonus(pairs, previous, chars[0] as string);
    const next = right[0];
    if (next !== undefined) cost -= documentPairBonus(pairs, chars[chars.length - 1] as string, next);
    if (script === 'simplified' || script === 'traditional') {
      for (const own of scripts) if (own !== null && own !== script) cost += OTHER_SCRIPT_COST;
    }
    return cost;
  };
  const state: Holes = { bytes: spanBytes, cuts: [...spanCuts], holes: spanCuts.map((_, i) => i) };
  const quotesRead = new QuoteReader(state, openQuotes);
  const fills: HoleFill[] = [];
  // Which hole each remaining cut is. A second pass looks again at the holes the first left
  // marked next to one it filled since (同 before 意, both lost): the filled neighbour may now
  // decide them. A hole's context reaches no further than the holes on either side, so the
  // others would come out as before.
  let looked: Set<number> | null = null; // the holes this pass looks at (null: all)
  for (let pass = 0; pass < PASSES; pass += 1) {
    const again = new Set<number>();
    let remaining = 0; // index in `cuts` of the next hole to look at
    while (remaining < state.cuts.length) {
      const hole = state.holes[remaining] as number;
      const broken = looked && !looked.has(hole) ? null : brokenAround(state, remaining, remaining);
      if (!broken) {
        remaining += 1;
        continue;
      }
      const { bytes, cuts } = state;
      const cut = cuts[remaining] as number;
      const nextCut = remaining + 1 < cuts.length ? (cuts[remaining + 1] as number) : bytes.length;
      const candidates = candidatesFor(wrong, bytes.subarray(broken.prefixStart, cut), bytes.subarray(cut, broken.suffixEnd), nextCut > cut ? bytes[cut] : undefined, strict);
      if (!candidates || budget <= 0) {
        remaining += 1;
        continue;
      }
      const { left, right } = contextAround(state, remaining, remaining, broken.prefixStart, broken.suffixEnd, before, after);
      // A hole with nothing on either side (between two others, or between one and a line's
      // edge) is judged by each candidate's own frequency alone: no evidence (a browser's Big5
      // reads 打开 at a line's start as two marks around 93 E5; – and 打 both end in 93).
      if (left.length === 0 && right.length === 0) {
        remaining += 1;
        continue;
      }
      if (isSingleByte(wrong) && !left.some(isChinese) && !right.some(isChinese)) {
        remaining += 1;
        continue;
      }
      const cheapest = new Cheapest<Candidate>();
      // Sorted by their own cost: once that cost, less the most any context takes off, reaches
      // the second best so far, no later candidate can change the best or the margin; nor can one
      // whose own word pairs could not take enough off here. The document's pairs only reorder
      // the candidates the model finds plausible here: with them in the bound, text damaged
      // throughout spent its work on hopeless candidates (Big5, tune split: 37.0% -> 37.6% error).
      const leftBonus = left.length > 0 ? wordPairBonus(left[left.length - 1] as string, 'after') : undefined;
      const rightBonus = right.length > 0 ? wordPairBonus(right[0] as string, 'before') : undefined;
      const quotes = quotesRead.at(broken.prefixStart);
      const closing = openCount(quotes) > 0 ? CLOSING_QUOTE_BONUS : 0;
      const bound = sideBound(leftBonus, WORD_PAIR_BONUS) + sideBound(rightBonus, WORD_PAIR_BONUS) - closing;
      // Nearer, and cheaper than judging: a candidate's own cost with its pairs with the two
      // neighbours as they are, less what the document's pairs could take off on both sides,
      // where no three characters take a pair's cost back.
      const previous = left[left.length - 1];
      const next = right[0];
      const pairsBound = takesBackPairs(previous) || takesBackPairs(next) ? null : -(previous === undefined ? 0 : DOCUMENT_PAIR_BONUS) - (next === undefined ? 0 : DOCUMENT_PAIR_BONUS) - closing;
      for (const candidate of candidates) {
        if (candidate.floor + bound >= cheapest.second) break;
        if (candidate.floor + sideBound(leftBonus, candidate.bonusBefore) + sideBound(rightBonus, candidate.bonusAfter) - closing >= cheapest.second) continue;
        if (pairsBound !== null && !candidate.takesBack && candidate.floor + pairsBound + pairsBeside(candidate.chars, previous, next) >= cheapest.second) {
          budget -= 1; // a candidate looked at, as a judged one
          continue;
        }
        cheapest.offer(candidate, judge(quotes, candidate.chars, candidate.scripts, left, right));
      }
      const found = cheapest.best;
      if (!found || cheapest.margin < minMargin) {
        remaining += 1;
        continue;
      }
      fills.push({ hole, bytes: Uint8Array.from(found.lost), char: found.char, margin: cheapest.margin });
      if (remaining > 0) again.add(state.holes[remaining - 1] as number);
      fillAt(state, remaining, found.lost);
      if (looked && remaining < state.holes.length) looked.add(state.holes[remaining] as number);
    }
    if (again.size === 0) break;
    looked = again;
  }
  // Two holes with only continuation bytes between them may have broken characters between them
  // that neither completes alone: Shift_JIS reads 的简 (E7 9A 84 E7 AE 80) as 譬, a rejected pair
  // 84 E7, the katakana AE and a rejected 80. Only where the first alone has no candidate: Node's
  // EUC-KR decoder left such pairs everywhere, each hole with candidates of its own, and judging
  // them all together made text damaged throughout take three times as long (for 1.6 points less
  // error).
  for (let index = 0; index + 1 < state.cuts.length && budget > 0; index += 1) {
    const { bytes, cuts } = state;
    const [cut, nextCut] = [cuts[index] as number, cuts[index + 1] as number];
    const between = bytes.subarray(cut, nextCut);
    if (between.length === 0 || between.length > 3 || !between.every(isContinuation)) continue;
    // Where the first hole alone has candidates, it broke one character (its shape says so).
    const alone = brokenAround(state, index, index);
    if (alone && candidatesFor(wrong, bytes.subarray(alone.prefixStart, cut), bytes.subarray(cut, alone.suffixEnd), bytes[cut], strict)?.length) continue;
    const broken = brokenAround(state, index, index + 1);
    if (!broken) continue;
    const candidates = candidatesAcross(wrong, bytes.subarray(broken.prefixStart, cut), between, bytes.subarray(nextCut, broken.suffixEnd), nextCut < bytes.length ? bytes[nextCut] : undefined, strict);
    if (!candidates) continue;
    const { left, right } = contextAround(state, index, index + 1, broken.prefixStart, broken.suffixEnd, before, after);
    // The first character alone beside the left context and the rest beside the right, less
    // PAIR_OF_HOLES_SLACK and what closing quotation marks can take off: no reading costs less.
    // Candidates are judged whole in that order, until none can win.
    const hole = state.holes[index] as number;
    const quotes = quotesRead.at(broken.prefixStart);
    const costsAlone = new Map<string, number>();
    const aloneCost = (chars: readonly string[], side: 'left' | 'right'): number => {
      const key = `${side}${chars.join('')}`;
      let cost = costsAlone.get(key);
      if (cost === undefined) costsAlone.set(key, (cost = side === 'left' ? costBetween(left, chars, [], quotes) : costBetween([], chars, right, quotes)));
      return cost;
    };
    const boundOf = (chars: readonly string[]): number =>
      chars.length === 1 ? -Infinity : aloneCost(chars.slice(0, 1), 'left') + aloneCost(chars.slice(1), 'right') - PAIR_OF_HOLES_SLACK - CLOSING_QUOTE_BONUS * Math.min(openCount(quotes), chars.length);
    const bounded = candidates.map((candidate) => ({ candidate, bound: boundOf(candidate.chars) })).sort((a, b) => a.bound - b.bound);
    const cheapest = new Cheapest<PairOfHolesCandidate>();
    for (const { candidate, bound } of bounded) {
      if (bound >= cheapest.second || budget <= 0) break;
      cheapest.offer(candidate, judge(quotes, candidate.chars, candidate.scripts, left, right));
    }
    const { best, margin } = cheapest;
    if (!best || margin < minMargin) continue;
    const [firstLost, secondLost] = best.lost;
    fills.push({ hole, bytes: Uint8Array.from(firstLost), char: best.chars[0] as string, margin });
    fills.push({ hole: state.holes[index + 1] as number, bytes: Uint8Array.from(secondLost), char: best.chars.slice(1).join(''), margin });
    fillAt(state, index + 1, secondLost);
    fillAt(state, index, firstLost);
    index -= 1;
  }
  return fills.sort((a, b) => a.hole - b.hole);
}
