// Byte-level edits of GBK text that ignored character boundaries. A tool that replaced full-width
// punctuation on the bytes matched a code made of one character's trail byte and the next one's
// lead byte (。“ is A1A3 A1B0; its middle A3A1 is ！, and became !); a tool that inserted pinyin
// glosses put one between the two bytes of a character. The decoder then read the run one byte out
// of step, writing ? for each lead byte left without a trail (sometimes swallowing the ASCII byte
// after it), until an ASCII byte put it back in step: 要快。“好”， became 要快?!昂谩?,.
//
// The repair goes back to bytes. Each character of a suspicious window becomes a slot of byte
// alternatives: a ? is any lead byte, alone or with a swallowed ( or digit; an ASCII mark may be
// the A3xx code it was flattened from; a gloss fragment after a ? (jǐn) may be an insertion to take
// out. A beam search decodes the alternatives as GBK, scoring characters with the naturalness
// model; the best candidates are rescored with the glosses as evidence (a gloss must be a reading
// of the character before it). A window is rewritten only when the best candidate is clearly more
// natural than the text as it stands.
import { charEncoder, strictRejectsBefore } from '../codecs.js';
import { applyReplacements, Changes, registerFixer, type StepParams } from '../plan.js';
import { charCost, DOCUMENT_PAIR_BONUS, documentPairBonus, documentPairsBonus, isRare, otherScriptCost, pairCost, pairCounts, sideBound, textCost, wordPairBonus, type DocumentPairs, type PairCounts } from '../_naturalness.js';
import { detectScript } from '../_opencc.js';
import { GLOSS_SYLLABLE, isReadingOf, normalizeSyllable } from '../_pinyin.js';
import { closesOne, openCount, openOf, QUOTE_KINDS, quoteOf, quotesAfter, withOpen } from '../_quotes.js';
import { LOST, type Guess } from './mark.js';

const ASCII_OF: Readonly<Record<string, string>> = { '！': '!', '，': ',', '（': '(', '）': ')', '：': ':', '；': ';', '？': '?' };
const FULLWIDTH_MARKS = /[！，（）：；？]/g;

// ASCII marks and the GBK full-width codes they may have been flattened from.
const FLATTENED: Readonly<Record<string, readonly number[]>> = {
  '!': [0xa3, 0xa1], ',': [0xa3, 0xac], '(': [0xa3, 0xa8], ')': [0xa3, 0xa9],
  ':': [0xa3, 0xba], ';': [0xa3, 0xbb], '?': [0xa3, 0xbf],
};

const HAN = /\p{Script=Han}/u;
const MIN_HAN_AROUND = 4;
/** Around a mark with a gloss fragment after it (tune split: 2 and 3 alike on paragraphs, 2 better in documents). */
const MIN_HAN_AROUND_GLOSSED = 2;
const NEIGHBOURHOOD = 12;
// A ? or U+FFFD touching a Han character, or a mark the damage leaves after a lead byte, directly
// or across other marks: a lead byte lost its trail. Marks that touch neither are text (`F??'`, a
// pattern in a Chinese sentence).
// Found run by run (one mark or more; RUN_OF_MARKS below is three), not by a lookahead from each
// mark: that read a run of n marks n times.
const MARKS_IN_A_ROW = /[?\uFFFD]+/g;
const SUSPECT_AFTER_RUN = /^[\p{Script=Han}!,():;“”]/u;
const SUSPECT_BEFORE_RUN = /[\p{Script=Han}“”]$/u;
function* suspectMarks(text: string): Generator<number> {
  for (const run of text.matchAll(MARKS_IN_A_ROW)) {
    const end = run.index + run[0].length;
    if (SUSPECT_AFTER_RUN.test(text.slice(end, end + 2))) {
      for (let mark = run.index; mark < end; mark += 1) yield mark;
    } else if (SUSPECT_BEFORE_RUN.test(text.slice(Math.max(0, run.index - 2), run.index))) yield run.index;
  }
}
// Marks between letters of scripts other than Han and ASCII (Ру��кий) are another damage: UTF-8
// characters that lost bytes.
const AMONG_OTHER_LETTERS = /(?<=[^\P{L}\p{Script=Han}\p{ASCII}])[?\uFFFD]+(?=[^\P{L}\p{Script=Han}\p{ASCII}])/uy;
function amongOtherLetters(text: string, mark: number): boolean {
  let start = mark;
  while (start > 0 && (text[start - 1] === '?' || text[start - 1] === '\uFFFD')) start -= 1;
  AMONG_OTHER_LETTERS.lastIndex = start;
  return AMONG_OTHER_LETTERS.test(text);
}
// A gloss fragment is a gloss whose ( was swallowed: its syllable, then ).
const GLOSS_FRAGMENT = new RegExp(`^${GLOSS_SYLLABLE}\\)`, 'u');
/** A whole gloss, its ( given back by a decoder that re-reads the ASCII byte after a lead byte it rejects. */
const WHOLE_GLOSS = new RegExp(`^\\(${GLOSS_SYLLABLE}\\)`, 'u');
/** A whole gloss after a Han character: the character and the syllable. */
const GLOSS_AFTER_HAN = new RegExp(`(\\p{Script=Han})\\((${GLOSS_SYLLABLE})\\)`, 'gu');
/**
 * The gloss at the start of `after` (the text after a mark): a fragment whose ( the lead byte
 * swallowed (`jǐn)`), or a whole one whose ( the decoder gave back (`(jǐn)`; glosses are written in
 * small letters, and a parenthesis after ? may be text: `(EDS)`).
 */
function glossAfterMark(after: string): { readonly gloss: string; readonly whole: boolean } | null {
  const fragment = GLOSS_FRAGMENT.exec(after)?.[0];
  if (fragment !== undefined) return { gloss: fragment, whole: false };
  const whole = WHOLE_GLOSS.exec(after)?.[0];
  return whole !== undefined && whole === whole.toLowerCase() ? { gloss: whole, whole: true } : null;
}
/** Whether a gloss may start with `char`: its ( or a letter of its syllable (most marks stand before neither). */
const MAY_START_GLOSS = /^[(a-zA-Z\u00C0-\u024F]/u;
/** The gloss right after the mark at `at` in `text` ('' for none). */
function glossAfter(text: string, at: number): string {
  if (!MAY_START_GLOSS.test(text[at + 1] ?? '')) return '';
  return glossAfterMark(text.slice(at + 1, at + 12))?.gloss ?? '';
}
const MARKS = /[?\uFFFD]/gu;

/** How far around a suspect the window reaches, in characters. */
const WINDOW_BEFORE = 2;
const WINDOW_AFTER = 8;
const WINDOW_TAIL = 3;
/** However many marks follow, marks are looked for this far after the first: the search stays bounded. */
const WINDOW_MAX = 24;
/** An out-of-step run is followed this far at most (its characters have one reading each: cheap). */
const RUN_MAX = 160;
/** Characters that are never GBK trail bytes (letters can be): where a run is surely back in step. */
const IN_STEP = /[0-9\s]/;
/**
 * States kept beyond the cheapest of each pending byte. 96 reads 11,042 damaged paragraphs and
 * documents (tune and report splits, five manuals) as 160 did but for one guess now marked; 80
 * changed 23 of them.
 */
const BEAM_WIDTH = 96;
/**
 * The beam of a rival search (the best reading with another character at a guessed place): its
 * cost only says whether a guess is kept or marked, and a narrower beam finds the same verdicts
 * (tune and report splits, paragraphs: the same text; 32 was measured against 160) for a fifth of
 * the work, which leaves a text's search work to more of its windows.
 */
const RIVAL_BEAM_WIDTH = 32;
/**
 * The cheapest states kept for each pending byte whatever their cost: a realigned run looks dear
 * at first and cheap over its length, and its first character is often decided by the next (a
 * lead byte before a flattened ？ makes 。 or 模, and only 块 after it says which).
 */
const KEPT_PER_PENDING = 2;
const RESCORED = 64;
/** How much more natural the repaired window must be, in cost units. */
const MIN_GAIN = 8;
// Penalties per edit, so that the search prefers the fewest edits that make the text natural.
const EDIT_COST = { wildcard: 0, swallowed: 1, unflatten: 1, removeGloss: 2, keepMark: 4 } as const;
const GLOSS_MATCH_BONUS = 8;
/**
 * A guessed character is kept only when the best reading with another character there is at
 * least this much costlier (about 1.6 times less likely); otherwise it stays marked. Measured on
 * the tune split (gbk-bytes and gloss-inside): of the guesses with margins below 0.5, 71% were
 * wrong; of those between 0.5 and 1, about a third.
 */
const MIN_GUESS_MARGIN = 0.5;
const GLOSS_MISMATCH_COST = 8;
/** A swallowed digit, marked: an explained loss. */
const LOST_COST = 2;
/** A ? or U+FFFD left in a candidate is a lost byte the candidate does not explain. */
const UNEXPLAINED_MARK_COST = 8;
/** A quotation mark without its partner in the window. */
const UNPAIRED_QUOTE_COST = 6;

interface Option {
  readonly bytes: readonly number[];
  readonly cost: number;
  /** A byte that was swallowed and cannot be known: marked in the output. */
  readonly lost?: boolean;
}

/**
 * An option whose first byte is any lead byte (0x81-0xFE): a ? or U+FFFD stands for a lead byte
 * the decoder could not pair, which byte is unknown (a guess), followed by `tail`.
 */
interface LeadOption {
  readonly tail: readonly number[];
  readonly cost: number;
  /** A kept gloss fragment: its syllable, checked against the character before its (. */
  readonly gloss?: string;
  /** A byte that was swallowed after the lead byte and cannot be known: marked in the output. */
  readonly lost?: boolean;
  /**
   * A gloss taken out as an insertion: its syllable, which must be a reading of what the glosser
   * saw, the character made of the byte before and this lead byte.
   */
  readonly removed?: string;
}

/** What a character of the window may have been: options for any lead byte (each lead byte in turn, all its options), then the others. */
interface Slot {
  readonly anyLead: readonly LeadOption[];
  /** The only bytes the lead byte of `anyLead` may be, where not any. */
  readonly leadsAllowed?: ReadonlySet<number>;
  readonly options: readonly Option[];
}

const FIRST_LEAD = 0x81;
const LAST_LEAD = 0xfe;
const ALL_LEADS: readonly number[] = Array.from({ length: LAST_LEAD - FIRST_LEAD + 1 }, (_, i) => FIRST_LEAD + i);

interface State {
  /** A lead byte waiting for its trail, or -1. */
  readonly pending: number;
  readonly text: string;
  readonly last: string;
  readonly cost: number;
  /** Opening quotation marks not yet closed. */
  readonly quotes: number;
  /** The last byte read, -1 before any. */
  readonly lastByte: number;
  /** The pending byte was guessed (a wildcard). */
  readonly pendingGuessed: boolean;
  /** The text with every character that needed a guessed byte marked as lost (for --no-guess). */
  readonly sure: string;
}

/**
 * The options of a mark (a lead byte that lost its trail) with a gloss right after it
 * (glossAfterMark), and how many characters they take: the gloss is either real (kept, and then
 * checked against the character the lead byte completes) or an insertion between the lead byte
 * and its trail (taken out); a swallowed ( costs EDIT_COST.swallowed, and a whole gloss may also
 * be text that stays as it is, evidence of nothing. Null without such a gloss.
 */
function glossOptions(after: string, encode: (char: string) => Uint8Array | null): { options: LeadOption[]; length: number; whole: boolean } | null {
  const found = glossAfterMark(after);
  if (found === null) return null;
  const { gloss, whole } = found;
  const bytes = encodeAll(gloss, encode);
  if (!bytes) return null;
  const syllable = gloss.slice(whole ? 1 : 0, -1);
  const removed: LeadOption = { tail: [], cost: EDIT_COST.removeGloss, removed: syllable };
  return {
    options: whole
      ? [{ tail: bytes, cost: EDIT_COST.wildcard }, { tail: bytes, cost: EDIT_COST.wildcard, gloss: syllable }, removed]
      : [{ tail: [0x28, ...bytes], cost: EDIT_COST.swallowed, gloss: syllable }, removed],
    length: [...gloss].length,
    whole,
  };
}

function slotsFor(window: string): Slot[] | null {
  const encode = charEncoder('gbk');
  const chars = Array.from(window);
  const slots: Slot[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i] as string;
    if (char === LOST) {
      // Decoders that write U+FFFD (browsers, Python, Java) give back the ASCII byte after a lead
      // byte they reject: a lead byte that lost its trail stands before an ASCII character or
      // the end. Browsers pair a lead byte with any non-ASCII byte; Python's gbk rejects a code
      // GBK leaves unassigned and reads its second byte again, so before a non-ASCII character
      // a U+FFFD is a byte that makes such a code with the character's first byte (out of step,
      // the trail byte of the character before), or a mark of a character lost.
      const next = chars[i + 1];
      const glossed = next === '(' ? glossOptions(chars.slice(i + 1, i + 12).join(''), encode) : null;
      if (glossed) {
        slots.push({ anyLead: glossed.options, options: [] });
        i += glossed.length;
        continue;
      }
      if (next === undefined || next.charCodeAt(0) < 0x80) {
        slots.push({ anyLead: [{ tail: [], cost: EDIT_COST.wildcard }], options: [] });
        continue;
      }
      const rereadByte = encode(next)?.[0];
      const leadsAllowed = new Set(strictRejectsBefore('gbk', rereadByte).filter((byte) => byte >= FIRST_LEAD));
      slots.push({ anyLead: leadsAllowed.size > 0 ? [{ tail: [], cost: EDIT_COST.wildcard }] : [], leadsAllowed, options: [{ bytes: [], cost: 0, lost: true }] });
      continue;
    }
    if (char === '?') {
      const glossed = glossOptions(chars.slice(i + 1, i + 12).join(''), encode);
      if (glossed) {
        // Before a whole gloss, the ? may also be a real question mark, the gloss text after it.
        const whole = glossed.whole ? (glossed.options[0] as LeadOption).tail : null;
        slots.push({
          anyLead: glossed.options,
          options: whole ? [{ bytes: [0x3f, ...whole], cost: EDIT_COST.keepMark }, { bytes: [0xa3, 0xbf, ...whole], cost: EDIT_COST.keepMark }] : [],
        });
        i += glossed.length;
        continue;
      }
      slots.push({
        anyLead: [
          { tail: [], cost: EDIT_COST.wildcard },
          { tail: [], cost: EDIT_COST.swallowed, lost: true },
        ],
        options: [
          { bytes: [0x3f], cost: EDIT_COST.keepMark },
          { bytes: [0xa3, 0xbf], cost: EDIT_COST.keepMark },
        ],
      });
      continue;
    }
    const bytes = encode(char);
    if (!bytes) return null;
    const flattened = FLATTENED[char];
    slots.push({ anyLead: [], options: flattened ? [{ bytes: [...bytes], cost: 0 }, { bytes: flattened, cost: EDIT_COST.unflatten }] : [{ bytes: [...bytes], cost: 0 }] });
  }
  return slots;
}

function encodeAll(text: string, encode: (char: string) => Uint8Array | null): number[] | null {
  const out: number[] = [];
  for (const char of text) {
    const bytes = encode(char);
    if (!bytes) return null;
    out.push(...bytes);
  }
  return out;
}

const pairDecoder = new TextDecoder('gbk', { fatal: true });
// By lead and trail byte: undefined until decoded.
const decodedPairs: (string | null | undefined)[] = new Array(0x10000);
function decodePair(lead: number, trail: number): string | null {
  const key = (lead << 8) | trail;
  let char = decodedPairs[key];
  if (char === undefined) {
    try {
      const text = pairDecoder.decode(Uint8Array.of(lead, trail));
      char = [...text].length === 1 ? text : null;
    } catch {
      char = null;
    }
    decodedPairs[key] = char;
  }
  return char;
}

/**
 * The characters a pending byte makes with each lead byte read as its trail, cheapest first: a
 * guessed byte after a pending one is weighed in this order, and skipped where even its least
 * possible cost cannot beat what is held (see weighGuesses).
 */
interface TrailReadings {
  readonly leads: Uint8Array;
  readonly chars: readonly string[];
  /** The least each character can add by itself: its own cost, and what emit charges a mark or quotation mark at least. */
  readonly floors: Float64Array;
  /** What its pairs with a character before it can take off (wordPairBonus; 0 if not Han). */
  readonly bonuses: Float64Array;
}
const trailReadingsByByte: (TrailReadings | undefined)[] = [];
function trailReadingsAfter(pending: number): TrailReadings {
  let readings = trailReadingsByByte[pending];
  if (readings === undefined) {
    const found = ALL_LEADS.flatMap((lead) => {
      const char = decodePair(pending, lead);
      if (char === null) return [];
      const charge = Math.min(markCharge(char, 0), markCharge(char, 1));
      return [{ lead, char, floor: charCost(char) + charge, bonus: wordPairBonus(char, 'before') ?? 0 }];
    });
    found.sort((a, b) => a.floor - b.floor || a.lead - b.lead);
    readings = {
      leads: Uint8Array.from(found, ({ lead }) => lead),
      chars: found.map(({ char }) => char),
      floors: Float64Array.from(found, ({ floor }) => floor),
      bonuses: Float64Array.from(found, ({ bonus }) => bonus),
    };
    trailReadingsByByte[pending] = readings;
  }
  return readings;
}

/**
 * What a character costs a reading beyond its own cost, with `quotes` open before it, as the final
 * score counts it: a mark a lost byte left (a full-width ？ scores as the ? it would widen); a
 * quotation mark charged when opened (and when closing none), given back when closed, so that the
 * beam does not fill with readings that leave a quotation open and look cheaper until the end.
 */
function markCharge(char: string, quotes: number): number {
  if (char === '?' || char === '？' || char === '\uFFFD') return UNEXPLAINED_MARK_COST;
  if (quoteOf(char) === undefined) return 0;
  return closesOne(char, quotes) ? -UNPAIRED_QUOTE_COST : UNPAIRED_QUOTE_COST;
}

/** A character a search may not put at an offset of its reading (to find the best reading without it). */
interface Forbidden {
  readonly offset: number;
  readonly char: string;
}

/**
 * What feeding an option's bytes to a state makes, before it becomes a state: the search weighs
 * hundreds of thousands of these per window and keeps a few hundred, so only the kept ones are
 * built (with their text). `text` and `sure` are what the bytes add to the state's.
 */
interface Step {
  pending: number;
  text: string;
  sure: string;
  last: string;
  cost: number;
  quotes: number;
  lastByte: number;
  pendingGuessed: boolean;
}

function emit(step: Step, from: State, char: string, guessed: boolean, lastByte: number, pairs: DocumentPairs, forbidden?: Forbidden): boolean {
  if (forbidden && from.text.length + step.text.length === forbidden.offset && char === forbidden.char) return false;
  let cost = step.cost + charCost(char) + (step.last ? pairCost(step.last, char) - documentPairBonus(pairs, step.last, char) : 0);
  cost += markCharge(char, step.quotes);
  step.quotes = quotesAfter(char, step.quotes);
  step.pending = -1;
  step.text += char;
  step.sure += guessed ? LOST : char;
  step.last = char;
  step.cost = cost;
  step.lastByte = lastByte;
  step.pendingGuessed = false;
  return true;
}

/** Make `step` the state `state` with nothing fed yet. */
function startStep(step: Step, state: State): void {
  step.pending = state.pending;
  step.text = '';
  step.sure = '';
  step.last = state.last;
  step.cost = state.cost;
  step.quotes = state.quotes;
  step.lastByte = state.lastByte;
  step.pendingGuessed = state.pendingGuessed;
}

function copyStep(target: Step, source: Step): void {
  target.pending = source.pending;
  target.text = source.text;
  target.sure = source.sure;
  target.last = source.last;
  target.cost = source.cost;
  target.quotes = source.quotes;
  target.lastByte = source.lastByte;
  target.pendingGuessed = source.pendingGuessed;
}

/** Feed a byte to `step` (grown from `state`); `false` where the bytes cannot be GBK (the wildcard was wrong). */
function feedByte(step: Step, state: State, byte: number, guessed: boolean, pairs: DocumentPairs, forbidden?: Forbidden): boolean {
  if (step.pending >= 0) {
    const char: string | null = byte >= 0x40 && byte !== 0x7f && byte !== 0xff ? decodePair(step.pending, byte) : null;
    return char !== null && emit(step, state, char, guessed || step.pendingGuessed, byte, pairs, forbidden);
  }
  if (byte < 0x80) return emit(step, state, String.fromCharCode(byte), guessed, byte, pairs, forbidden);
  if (byte < FIRST_LEAD || byte > LAST_LEAD) return false;
  step.pending = byte;
  step.pendingGuessed = guessed;
  step.lastByte = byte;
  return true;
}

/** Feed bytes none of which is guessed to `step` (grown from `state`); `false` where they cannot be GBK. */
function feedBytes(step: Step, state: State, bytes: readonly number[], pairs: DocumentPairs, forbidden?: Forbidden): boolean {
  for (const byte of bytes) if (!feedByte(step, state, byte, false, pairs, forbidden)) return false;
  return true;
}

/** A byte swallowed after the character just read: marked. */
function markLost(step: Step): void {
  step.text += LOST;
  step.sure += LOST;
  step.last = LOST;
  step.cost += LOST_COST;
}

function glossFits(char: string | null, syllable: string): boolean {
  return char !== null && HAN.test(char) && isReadingOf(char, syllable, true);
}

/** How a gloss reads a character: not at all, only in another tone, or in the character's own. */
const NO_FIT = 0;
const OTHER_TONE = 1;
const OWN_TONE = 2;
function glossFit(char: string | null, syllable: string): number {
  if (!glossFits(char, syllable)) return NO_FIT;
  return isReadingOf(char as string, syllable) ? OWN_TONE : OTHER_TONE;
}

/**
 * A gloss in another tone than the character's is weaker evidence than one in its own (与 is yǔ,
 * 于 yú), but evidence: glosses may follow older or Taiwan readings (績 jī, the one of the seed's
 * 533 glosses not in pinyin-pro's tone). Tune split, a gloss inside a character: 0, 2, 3, 5, 8
 * and 12 gave 4.04%, 4.00%, 3.93%, 3.85%, 3.82% and 3.85% error (zh-cn), 3.56% ... 3.42%, 3.40%,
 * 3.42% (zh-tw); 5 keeps most of that and some credit for another tone.
 */
const TONE_MISMATCH_COST = 5;
/** A gloss is evidence for a character it is a reading of, and against one it is not. */
function glossEvidence(fit: number): number {
  if (fit === NO_FIT) return GLOSS_MISMATCH_COST;
  return fit === OWN_TONE ? -GLOSS_MATCH_BONUS : TONE_MISMATCH_COST - GLOSS_MATCH_BONUS;
}

// A search looks a gloss up after every byte in every slot, and its rival searches do again: the
// answers are kept, by syllable (a bounded memo: text can hold any number of them; at most about
// 256 × 126 bytes' answers, a few megabytes).
interface ReadLeads {
  /** By lead byte (from FIRST_LEAD): how the gloss reads the character the lead byte makes (glossFit). */
  readonly fits: Uint8Array;
  /** Those lead bytes, in order. */
  readonly leads: readonly number[];
}
const readLeadsMemo = new Map<string, (ReadLeads | undefined)[]>();
const MAX_SYLLABLES_KEPT = 256;
/** The lead bytes after which `byte` decodes to a character the gloss `syllable` reads. */
function leadsReadAfter(byte: number, syllable: string): ReadLeads {
  let byByte = readLeadsMemo.get(syllable);
  if (byByte === undefined) {
    if (readLeadsMemo.size >= MAX_SYLLABLES_KEPT) readLeadsMemo.clear();
    byByte = [];
    readLeadsMemo.set(syllable, byByte);
  }
  let read = byByte[byte - FIRST_LEAD];
  if (read === undefined) {
    const fits = Uint8Array.from(ALL_LEADS, (lead) => glossFit(decodePair(byte, lead), syllable));
    read = { fits, leads: ALL_LEADS.filter((lead) => fits[lead - FIRST_LEAD] !== NO_FIT) };
    byByte[byte - FIRST_LEAD] = read;
  }
  return read;
}

/**
 * A removed gloss must be a reading of what the glosser saw: the character before it, which it
 * was meant for and put one byte late, inside the next one (the lead byte then says nothing),
 * or the misaligned character made of the byte before and the lead byte (布局?jǐn): the glosser
 * read 局's trail and 數's lead as 謹, which says the lead byte). Its cost by the lead byte guessed.
 */
function removedGlossCosts(before: string, previousByte: number, syllable: string): (lead: number) => number {
  // Asked of every lead byte a state may guess: what does not depend on it is looked up once.
  const fit = glossFit(before, syllable);
  if (fit !== NO_FIT) {
    const evidence = glossEvidence(fit);
    return () => evidence;
  }
  const read = previousByte >= FIRST_LEAD ? leadsReadAfter(previousByte, syllable).fits : null;
  return (lead) => glossEvidence(read === null ? NO_FIT : (read[lead - FIRST_LEAD] as number));
}

/** Extra cost of a whole candidate: unexplained lost bytes and unpaired quotation marks (`openQuotes` opened before it). */
function structureCost(text: string, openQuotes: number): number {
  let marks = 0;
  let quotes = openQuotes;
  let unpaired = 0;
  const chars = Array.from(text);
  chars.forEach((char, i) => {
    // A ? before a Chinese character is a question mark; one before an ASCII byte the decoder
    // re-read, or at the end, is a lead byte that lost its trail.
    if (char === '?') {
      if (!HAN.test(chars[i + 1] ?? '')) marks += 1;
    } else if (quoteOf(char)?.opening === false && !closesOne(char, quotes)) unpaired += 1;
    quotes = quotesAfter(char, quotes);
  });
  return marks * UNEXPLAINED_MARK_COST + (unpaired + openCount(quotes)) * UNPAIRED_QUOTE_COST;
}

/** Search work left, in candidates weighed. */
export interface SearchWork {
  left: number;
}

interface Reading {
  readonly text: string;
  /** `text` with every character that needed a guessed byte marked as lost. */
  readonly sure: string;
  readonly cost: number;
}

/**
 * The best readings of a window's slots after the character `before` (whose last GBK byte is
 * `lastByte`), each scored as a whole, cheapest first; with `forbidden`, only readings without
 * that character at that offset.
 */
function searchReadings(slots: readonly Slot[], before: string, lastByte: number, line: LineFacts, work: SearchWork, forbidden?: Forbidden): Reading[] | null {
  let beam: State[] = [{ pending: -1, text: '', sure: '', last: before, cost: 0, quotes: line.openQuotes, lastByte, pendingGuessed: false }];
  const step: Step = { pending: -1, text: '', sure: '', last: '', cost: 0, quotes: 0, lastByte: -1, pendingGuessed: false };
  const afterLead: Step = { ...step };
  // States alike in all that the rest of the search looks at (pending byte, last character,
  // open quotes) have the same future: only the cheapest of each (the first in order of equals)
  // is kept for the next slot, and built.
  const cheapest = new Map<number, Candidate>();
  const beats = (cost: number, order: number, held: { cost: number; order: number } | undefined): boolean =>
    !held || cost < held.cost || (cost === held.cost && order < held.order);
  const weigh = (from: State, cost: number, order: number): void => {
    work.left -= 1;
    const key = stateKey(step.last, step.pending, step.quotes);
    if (beats(cost, order, cheapest.get(key))) cheapest.set(key, candidateOf(step, cost, order, from));
  };
  /** Weigh `options` for every lead byte after `state` (their candidates numbered from `order`); the next number. */
  const weighGuesses = (state: State, options: readonly LeadOption[], order: number, leadsAllowed?: ReadonlySet<number>): number => {
    // Each guess has its number by lead byte and option, whatever order it is weighed in.
    const orderOf = (lead: number, index: number): number => order + 1 + (lead - FIRST_LEAD) * options.length + index;
    const nextOrder = order + 1 + ALL_LEADS.length * options.length;
    // A byte a strict decoder rejected before the next character is the trail of a pending lead.
    if (leadsAllowed && state.pending < 0) return nextOrder;
    // After a pending byte, an option that ends alike whatever the guessed byte (a kept gloss
    // ends with its ")", a swallowed byte with a mark) makes one state: each guess is weighed
    // up to the character after it (the rest costs the same for all), and the cheapest built.
    const endsAlike = new Map<number, { lead: number; cost: number; order: number; option: LeadOption; evidence: number }>();
    // A character both of whose bytes are guessed could be any of 20,000: only the gloss after
    // it can say which, and it must be one the gloss reads. Without a gloss it is lost (one
    // state, not thousands; a rival must be a character).
    const bothGuessed = state.pendingGuessed;
    const glossRead = (option: LeadOption, char: string | null): boolean => option.gloss !== undefined && glossFits(char, option.gloss);
    const rivalPlace = forbidden !== undefined && state.text.length === forbidden.offset;
    if (bothGuessed && !rivalPlace && options.some((option) => option.gloss === undefined && option.removed === undefined && !option.lost)) {
      startStep(step, state);
      step.pending = -1;
      step.pendingGuessed = false;
      markLost(step);
      weigh(state, step.cost, order);
    }
    // After a guessed pending byte, the lead bytes that make a character the gloss reads. A slot
    // keeps one gloss at most (slotsFor). Looking each character up counts as weighing it: the
    // work stays bounded.
    let leads: ArrayLike<number> = ALL_LEADS;
    if (bothGuessed) {
      const kept = options.find((option) => option.gloss !== undefined)?.gloss;
      if (kept === undefined) return nextOrder;
      work.left -= ALL_LEADS.length;
      leads = leadsReadAfter(state.pending, kept).leads;
    }
    // After a pending byte that was read, the guessed byte completes a character: guesses are
    // weighed cheapest character first, and one that could not beat what its state already holds
    // (even with the best pair before it and the document's bonus) is counted, not built. Behind
    // a wildcard a hundred states with one pending byte make the same hundred characters.
    const readings = state.pending >= 0 && !bothGuessed ? trailReadingsAfter(state.pending) : undefined;
    if (readings) leads = readings.leads;
    const pairBefore = wordPairBonus(state.last, 'after');
    // What an option adds at least beyond its character: a removed gloss may take off its bonus, a
    // swallowed byte adds its mark.
    const leastAdded = (option: LeadOption): number => (option.removed !== undefined ? -GLOSS_MATCH_BONUS : option.lost ? LOST_COST : 0);
    const removedCosts = options.map((option) =>
      option.removed === undefined ? undefined : removedGlossCosts(state.pending < 0 ? state.last : '', state.lastByte, option.removed),
    );
    for (let i = 0; i < leads.length; i += 1) {
      const lead = leads[i] as number;
      if (leadsAllowed && !leadsAllowed.has(lead)) continue;
      let least = -Infinity;
      let char = '';
      if (readings) {
        char = readings.chars[i] as string;
        // The character forbidden here makes no candidate (emit refuses it).
        if (rivalPlace && char === forbidden.char) continue;
        least = state.cost + (readings.floors[i] as number) + sideBound(pairBefore, readings.bonuses[i] as number) - DOCUMENT_PAIR_BONUS;
      }
      const quotes = readings ? quotesAfter(char, state.quotes) : 0;
      let built = false;
      for (let index = 0; index < options.length; index += 1) {
        const option = options[index] as LeadOption;
        // Without a pending byte the guessed byte is a lead byte, which pairs with no ASCII
        // byte (a tail starts with the ( of a kept gloss) and ends no character (to swallow one after).
        if (state.pending < 0 && (option.lost || option.tail.length > 0)) continue;
        const candidateOrder = orderOf(lead, index);
        if (readings && (option.lost || option.tail.length === 0)) {
          const bound = least + option.cost + leastAdded(option);
          const held = option.lost ? endsAlike.get(index * 0x10000 + quotes) : cheapest.get(stateKey(char, -1, quotes));
          if (!beats(bound, candidateOrder, held)) {
            work.left -= 1;
            continue;
          }
        }
        if (!built) {
          startStep(afterLead, state);
          if (!feedByte(afterLead, state, lead, true, line.pairs, forbidden)) break;
          built = true;
        }
        if (bothGuessed && !glossRead(option, afterLead.last)) continue;
        copyStep(step, afterLead);
        if (option.removed !== undefined) {
          weigh(state, step.cost + option.cost + (removedCosts[index] as (lead: number) => number)(lead), candidateOrder);
        } else if (!option.lost && option.tail.length === 0) {
          weigh(state, step.cost + option.cost, candidateOrder);
        } else {
          if (option.lost) markLost(step);
          else if (!feedByte(step, state, option.tail[0] as number, false, line.pairs, forbidden)) continue;
          const evidence = option.gloss === undefined ? 0 : glossEvidence(glossFit(afterLead.last, option.gloss));
          const cost = step.cost + option.cost + evidence;
          // The guessed character may open or close a quotation: one state for each count.
          const group = index * 0x10000 + step.quotes;
          work.left -= 1;
          if (beats(cost, candidateOrder, endsAlike.get(group))) endsAlike.set(group, { lead, cost, order: candidateOrder, option, evidence });
        }
      }
    }
    for (const best of endsAlike.values()) {
      startStep(step, state);
      feedByte(step, state, best.lead, true, line.pairs, forbidden);
      if (best.option.lost) markLost(step);
      else if (!feedBytes(step, state, best.option.tail, line.pairs, forbidden)) continue;
      weigh(state, step.cost + best.option.cost + best.evidence, best.order);
    }
    return nextOrder;
  };
  for (const slot of slots) {
    cheapest.clear();
    let order = 0;
    for (const state of beam) {
      if (slot.anyLead.length > 0) order = weighGuesses(state, slot.anyLead, order, slot.leadsAllowed);
      for (const option of slot.options) {
        startStep(step, state);
        if (!feedBytes(step, state, option.bytes, line.pairs, forbidden)) continue;
        if (option.lost) {
          if (step.pending >= 0) continue;
          markLost(step);
        }
        weigh(state, step.cost + option.cost, order++);
      }
    }
    if (work.left < 0) return null;
    beam = keptStates([...cheapest.values()], forbidden ? RIVAL_BEAM_WIDTH : BEAM_WIDTH);
    if (beam.length === 0) return [];
  }
  return beam
    .filter((state) => state.pending < 0)
    .sort((a, b) => a.cost - b.cost)
    .slice(0, RESCORED)
    .map((state) => ({ text: state.text, sure: state.sure, cost: readingCost(state.text, before, line) }))
    .sort((a, b) => a.cost - b.cost);
}

/**
 * A number for what a state's future depends on: its last character, pending byte and open
 * quotation marks. Small enough to be a small integer (which maps hash fastest) for the common
 * case, a last character of the Basic Multilingual Plane and no 『 open (`quotes` below 16);
 * negative otherwise (`quotes` is below 64).
 */
function stateKey(last: string, pending: number, quotes: number): number {
  const code = last.codePointAt(0) ?? -1;
  if (code < 0x10000 && quotes < 16) return ((code + 1) * 257 + pending + 1) * 16 + quotes;
  return -(((code + 1) * 257 + pending + 1) * 256 + quotes) - 1;
}

/** A state not yet built: what its option's bytes added to the state it came `from`, and its place among the slot's candidates. */
interface Candidate extends Step {
  order: number;
  from: State;
}

// Written out, not spread: this runs for every candidate.
function candidateOf(step: Step, cost: number, order: number, from: State): Candidate {
  return {
    pending: step.pending,
    text: step.text,
    sure: step.sure,
    last: step.last,
    cost,
    quotes: step.quotes,
    lastByte: step.lastByte,
    pendingGuessed: step.pendingGuessed,
    order,
    from,
  };
}

/** The `k`-th smallest of `values` (from 0), which it reorders (Hoare's selection). */
function smallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i += 1;
      while ((values[j] as number) > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k] as number;
}

const byCostThenOrder = (a: Candidate, b: Candidate): number => a.cost - b.cost || a.order - b.order;

/** Pending bytes, from 0 in tables: none (-1), then every byte. */
const PENDING_KINDS = 257;
/** At most this many candidates are kept as the cheapest of their pending byte. */
const MOST_PROTECTED = KEPT_PER_PENDING * PENDING_KINDS;

/**
 * For each pending byte (from 0: none, then every byte), the KEPT_PER_PENDING-th lowest cost of
 * its candidates (Infinity with fewer): no dearer candidate is among the cheapest of its byte.
 */
function protectedCostLimits(candidates: readonly Candidate[]): Float64Array {
  const lowest = new Float64Array(PENDING_KINDS * KEPT_PER_PENDING).fill(Infinity);
  for (const { pending, cost } of candidates) {
    const base = (pending + 1) * KEPT_PER_PENDING;
    let at = base + KEPT_PER_PENDING - 1;
    if (cost >= (lowest[at] as number)) continue;
    while (at > base && (lowest[at - 1] as number) > cost) {
      lowest[at] = lowest[at - 1] as number;
      at -= 1;
    }
    lowest[at] = cost;
  }
  return lowest;
}

/**
 * The beam for the next slot, built: the cheapest candidates for each pending byte
 * (KEPT_PER_PENDING), then the `width` cheapest of the rest, each group cheapest first.
 * `candidates` is reordered.
 */
function keptStates(candidates: Candidate[], width: number): State[] {
  let pool = candidates;
  // Most slots have a few candidates; after a wildcard there are tens of thousands, of which only
  // those at or below the KEPT_PER_PENDING-th cost of their pending byte, or at or below the
  // `width`-th cost of the rest (at most the one MOST_PROTECTED places further among all), can
  // be kept.
  if (candidates.length > 4 * width) {
    const ofPending = protectedCostLimits(candidates);
    const limit = smallest(Float64Array.from(candidates, (candidate) => candidate.cost), Math.min(candidates.length, width + MOST_PROTECTED) - 1);
    pool = candidates.filter((candidate) => candidate.cost <= limit || candidate.cost <= (ofPending[(candidate.pending + 1) * KEPT_PER_PENDING + KEPT_PER_PENDING - 1] as number));
  }
  // In order, the first of each pending byte are the protected ones, the others the rest.
  pool.sort(byCostThenOrder);
  const keptOfPending = new Uint8Array(PENDING_KINDS);
  const protectedOnes: Candidate[] = [];
  const rest: Candidate[] = [];
  for (const candidate of pool) {
    const kept = keptOfPending[candidate.pending + 1] as number;
    if (kept < KEPT_PER_PENDING) {
      keptOfPending[candidate.pending + 1] = kept + 1;
      protectedOnes.push(candidate);
    } else if (rest.length < width) rest.push(candidate);
  }
  return [...protectedOnes, ...rest].map(
    (candidate): State => ({
      pending: candidate.pending,
      text: candidate.from.text + candidate.text,
      sure: candidate.from.sure + candidate.sure,
      last: candidate.last,
      cost: candidate.cost,
      quotes: candidate.quotes,
      lastByte: candidate.lastByte,
      pendingGuessed: candidate.pendingGuessed,
    }),
  );
}

type Script = ReturnType<typeof detectScript>;

/**
 * What a window is judged by beyond its own characters: the script its line is written in (a
 * character of the other script costs more: 數 and 数 are otherwise alike), the quotations the
 * line leaves open around it (a 」 at the window's end closes the line's 「, 減負。」), and
 * the pairs the rest of the document shows (documentPairBonus).
 */
interface LineFacts {
  readonly script: Script;
  readonly openQuotes: number;
  readonly pairs: DocumentPairs;
}

/**
 * What a reading (or the window as it stands) costs after `before`. Widening punctuation is the
 * punctuation stage's decision, made on its own evidence: here a full-width mark scores as the
 * ASCII mark it would replace, so widening alone gains nothing. A U+FFFD scores as a space: a
 * lost character costs little, and its neighbours were not next to each other (“�” is no empty
 * quotation, 模�块 no word). A gloss is no text: it is evidence for or against the character it
 * follows, which pairs with the one after it (數(shù)字 is the word 數字, which 書(shù)字 is not).
 */
function readingCost(text: string, before: string, line: LineFacts): number {
  let evidence = 0;
  const folded = (before + text.replace(FULLWIDTH_MARKS, (mark) => ASCII_OF[mark] as string).replaceAll('\uFFFD', ' ')).replace(
    GLOSS_AFTER_HAN,
    (gloss: string, char: string, syllable: string) => {
      // A parenthesised word that is no syllable (`(Enter)`) is text.
      if (!glossFits(char, syllable) && normalizeSyllable(syllable) === undefined) return gloss;
      evidence += glossEvidence(glossFit(char, syllable));
      return char;
    },
  );
  return textCost(folded) - documentPairsBonus(line.pairs, folded) + structureCost(folded.slice(before.length), line.openQuotes) + otherScriptCost(text, line.script) + evidence;
}

/**
 * The best reading of a window (in a line written in `around.script`, in a document whose pairs are
 * `documentPairs`), with its gain over the window as it stands; `null` if none is clearly better
 * or none was found with the `work` given. With `margins`, each guessed character gets one: how
 * much costlier the best reading is that has another character there (0 where the work ran out
 * before one was found: the guess stays marked).
 */
function repairWindow(
  window: string,
  before: string,
  work: SearchWork,
  margins: boolean,
  around: Omit<LineFacts, 'pairs'>,
  documentPairs: PairCounts,
): { text: string; sure: string; gain: number; margins: ReadonlyMap<number, number> } | null {
  const slots = slotsFor(window);
  if (!slots) return null;
  const beforeBytes = before ? charEncoder('gbk')(before) : null;
  const lastByte = beforeBytes ? (beforeBytes[beforeBytes.length - 1] as number) : -1;
  // The window's own pairs are no evidence for a reading of it.
  const line: LineFacts = { ...around, pairs: { document: documentPairs, place: pairCounts(before + window) } };
  const readings = searchReadings(slots, before, lastByte, line, work);
  const best = readings?.[0];
  if (!readings || !best || best.text === window) return null;
  const gain = readingCost(window, before, line) - best.cost;
  if (gain < MIN_GAIN) return null;
  // A reading that differs only elsewhere says nothing about a character. The beam often holds
  // no reading with another character at a guessed place (it dropped them early): a search that
  // may not put the guessed character there finds the best one.
  const found = new Map<number, number>();
  for (let i = 0; margins && i < best.text.length; i += 1) {
    if (best.sure[i] !== LOST || best.text[i] === LOST) continue;
    let rival = readings.find((other) => other.text[i] !== best.text[i] && other.text[i] !== LOST)?.cost;
    if (rival === undefined) {
      const rivals = searchReadings(slots, before, lastByte, line, work, { offset: i, char: best.text[i] as string });
      rival = rivals === null ? best.cost : (rivals[0]?.cost ?? Infinity);
    }
    found.set(i, rival - best.cost);
  }
  return { text: best.text, sure: best.sure, gain, margins: found };
}

/**
 * Whether a window shows what byte damage leaves, beyond a lone ? (which may be a real question
 * mark): a rare character, a second mark with a ? among them, or a gloss fragment after a mark.
 * U+FFFD marks a lost character whatever lost it (UTF-8 read as Big5 leaves them between common
 * characters): marks alone do not make it byte damage, and a search could only guess them, which
 * it is not scored to do. Runs of marks (???) are not what the damage leaves, but for three
 * before a gloss.
 */
function showsByteDamage(window: string): boolean {
  for (const run of window.matchAll(RUNS_OF_MARKS)) if (!isGlossedRunOfThree(window, run.index)) return false;
  const marks = (window.match(/[?\uFFFD]/gu) ?? []).length;
  // A run can hold a few sites close together (two marks each: 要做大?!翱臁?,就是发展速度要快
  // ?!昂谩?,), not more: a window crowded with marks is something else.
  if (marks > MAX_MARKS_IN_WINDOW) return false;
  // A lead byte that lost its trail leaves a ? before the ASCII byte the decoder re-read (?,
  // ?jǐn)), with the next one's (體系?!?”), or after a lost character (�?). Web text writes ?!
  // and ?? after questions, and a ? between Chinese characters is a question mark: the damage
  // that also leaves them (a lead byte before a flattened ！ or ？: 要快?!昂谩, ??橹) shows in
  // the rare characters of the run after.
  if (LEAD_BYTE_MARK.test(window)) return true;
  // A gloss ends with ): most windows have none to look for.
  if (window.includes(')')) for (const mark of window.matchAll(MARKS)) if (glossAfter(window, mark.index)) return true;
  // The run a lost lead byte puts out of step follows its mark and ends where a digit or a space
  // is: rare characters before it or after that are the text's own (饕餮?是吗?, ??:?? 插入).
  const firstMark = window.search(/[?\uFFFD]/u);
  for (const char of window.slice(firstMark < 0 ? window.length : firstMark)) {
    if (IN_STEP.test(char)) break;
    if (char !== LOST && isRare(char)) return true;
  }
  return false;
}

// Byte edits leave a lead byte without its trail before the ASCII byte that took the trail's
// place, which the decoder re-read: a ? (the decoder's mark, or the edit's own ? swallowed), or a
// U+FFFD before that ASCII byte. A window without one has nothing to realign (a U+FFFD before a
// non-ASCII character stays a mark, and widening a mark alone gains nothing) and is not searched:
// UTF-8 read as Big5 leaves thousands of U+FFFD in rare characters.
const GUESSABLE_MARK = /\?|\uFFFD[\u0000-\u007F]/u;
const LEAD_BYTE_MARK = /(?<![\s?\uFFFD])\?["->@-~]|\?!\?|\uFFFD\?/u;
// Two marks in a row happen (a lead byte, then a ？ flattened to ?); three do not (什么???), but
// before a gloss: a lead byte, a flattened ？ and the next character's lead byte, which took the
// gloss's ( for its trail (旧。看(kàn) is BEC9 A1[A3BF]B4 28: 旧???kàn)).
const RUN_OF_MARKS = /[?\uFFFD]{3}/u;
const RUNS_OF_MARKS = /[?\uFFFD]{3,}/gu;
const isMark = (char: string | undefined): boolean => char === '?' || char === '\uFFFD';
/** Whether the mark at `at` of `text` begins a run of exactly three marks with a gloss after it. */
function isGlossedRunOfThree(text: string, at: number): boolean {
  return !isMark(text[at - 1]) && isMark(text[at + 1]) && isMark(text[at + 2]) && !isMark(text[at + 3]) && glossAfter(text, at + 2) !== '';
}
/** Marks a window may hold (tune split: 4, 6, 8 and 10 gave 2.53%, 2.05%, 1.94% and 1.94% error in gbk-bytes). */
const MAX_MARKS_IN_WINDOW = 8;
/**
 * Search work a window may spend, in candidates weighed: above the dearest window of the tune
 * split's byte damage (280,000: guessed characters after each of the 126 readings of another; the
 * median is 2,000-3,000), a few tenths of a second. A window that needs more is left as it stands.
 */
const WINDOW_WORK = 400_000;
/** Search work any text may spend: one window at its dearest. */
const WORK_BASE = WINDOW_WORK;
/**
 * And for each of its characters: the tune split's documents of 3,000 characters damaged in every
 * paragraph spend 0.5-40 per character at the median (punctuation edits to glosses inside
 * characters), 3-83 at the 90th percentile and 185 at most (the seed 23). A text damaged more
 * densely, or in a way that searches hard and finds nothing, has only its first sites searched.
 */
const WORK_PER_CHARACTER = 100;

/** For each offset of a line, what windows there are judged by, each found in constant time. */
interface LineTables {
  /** How many marks (? and U+FFFD) come before it. */
  readonly marks: Int32Array;
  /** How many Han characters come before it. */
  readonly han: Int32Array;
  /** Where the next character that ends an out-of-step run (IN_STEP) is. */
  readonly nextInStep: Int32Array;
  /** How many closing marks from it on close a quotation before it (by kind). */
  readonly closingQuotes: Int32Array;
}

function lineTables(line: string): LineTables {
  const marks = new Int32Array(line.length + 1);
  const han = new Int32Array(line.length + 1);
  const nextInStep = new Int32Array(line.length + 1);
  const closingQuotes = new Int32Array(line.length + 1);
  nextInStep[line.length] = line.length;
  for (let i = line.length - 1; i >= 0; i -= 1) {
    nextInStep[i] = IN_STEP.test(line[i] as string) ? i : (nextInStep[i + 1] as number);
    const closing = closingQuotes[i + 1] as number;
    // Read backwards, a closing mark opens and an opening one closes: the same count, mirrored.
    const quote = quoteOf(line[i] as string);
    closingQuotes[i] = quote === undefined ? closing : withOpen(closing, quote.kind, openOf(closing, quote.kind) + (quote.opening ? -1 : 1));
  }
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    marks[i + 1] = (marks[i] as number) + (code === 0x3f || code === 0xfffd ? 1 : 0);
    // A Han character beyond the Basic Multilingual Plane counts at its first unit.
    const isHan = code >= 0x4e00 && code <= 0x9fff ? true : code >= 0x2e80 && HAN.test(String.fromCodePoint(line.codePointAt(i) as number));
    han[i + 1] = (han[i] as number) + (isHan ? 1 : 0);
  }
  return { marks, han, nextInStep, closingQuotes };
}

export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Characters that needed a guessed lead byte, by offset in the document, with their margins over another reading (empty without guessing). */
  readonly guessed: readonly Guess[];
  /** The best guesses left marked, their margins below MIN_GUESS_MARGIN. */
  readonly doubtful: readonly Guess[];
}

export interface Misalignments {
  /** Windows that read better with the byte edits undone, left to right, not overlapping. */
  readonly found: readonly Replacement[];
  /** Windows that show byte damage but were left as they stand: the text's search work was spent. */
  readonly unsearched: number;
}

/**
 * The search work a text may spend: WORK_BASE and WORK_PER_CHARACTER for each of its characters,
 * so that time stays linear in the length of any text. Past that (an adversarial or hopeless
 * text) its marks are left as they are.
 */
export function searchWorkFor(text: string): SearchWork {
  return { left: WORK_BASE + WORK_PER_CHARACTER * text.length };
}

/**
 * Windows of `text` that read better with the byte edits undone, left to right, not overlapping.
 * Lines in `searched` are not searched again; the lines searched now are added to it. The search
 * spends `work` (searchWorkFor), a window at most WINDOW_WORK.
 */
export function findMisalignments(text: string, guess = true, searched: Set<string> = new Set(), work: SearchWork = searchWorkFor(text)): Misalignments {
  const found: Replacement[] = [];
  // Most text has no mark at all: the pattern's lookbehind need not be tried at every position.
  if (!text.includes('?') && !text.includes('\uFFFD')) return { found, unsearched: 0 };
  let covered = 0;
  let unsearched = 0;
  // Matches come in order: each line's bounds are found once, so the search stays linear.
  let lineStart = 0;
  let lineEnd = -1;
  let lineSkipped = false;
  // Windows are judged in constant time, so that text crowded with marks costs no more than a scan.
  let tables = lineTables('');
  // The quotation marks open before the next window: read up to `quotesCursor` of the line, past
  // the replacements found in it before `nextFound`.
  let [quotesCursor, quotesBefore, nextFound] = [0, 0, 0];
  let lineScript: Script = null;
  const at = (table: Int32Array, offset: number): number => table[offset - lineStart] as number;
  const count = (prefix: Int32Array, from: number, to: number): number => at(prefix, to) - at(prefix, from);
  // Lines are counted as searched after this call (a line that occurs twice has its windows read
  // from windowsRead the second time).
  const searchedNow: string[] = [];
  // Counted when the first window is searched: most text has none.
  let documentPairs: PairCounts | undefined;
  const windowsRead = new Map<string, ReturnType<typeof repairWindow>>();
  for (const mark of suspectMarks(text)) {
    if (mark < covered) continue;
    // Without guessing, U+FFFD already marks a lost character: only ? starts a search.
    if (!guess && text[mark] !== '?') continue;
    if (mark > lineEnd) {
      lineStart = text.lastIndexOf('\n', mark) + 1;
      lineEnd = text.indexOf('\n', mark);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      lineSkipped = searched.has(line);
      searchedNow.push(line);
      if (!lineSkipped) {
        tables = lineTables(line);
        lineScript = detectScript(line);
        [quotesCursor, quotesBefore, nextFound] = [lineStart, 0, found.length];
      }
    }
    if (lineSkipped) continue;
    // A mark in a run of marks is not what byte damage leaves (a lead byte pairs with the next),
    // but for three before a gloss (see RUN_OF_MARKS), judged from the first.
    if (RUN_OF_MARKS.test(text.slice(Math.max(0, mark - 2), mark + 3)) && !isGlossedRunOfThree(text, mark)) continue;
    // A run of marks is judged from its first: the window of a later one would not see what
    // stands before the run.
    if (mark > covered && (text[mark - 1] === '?' || text[mark - 1] === '\uFFFD')) continue;
    if (amongOtherLetters(text, mark)) continue;
    let start = Math.max(lineStart, covered, mark - WINDOW_BEFORE);
    // Start just after a Han character, so that the search starts in step.
    while (start < mark && !HAN.test(text[start] ?? '')) start += 1;
    // Reach past every mark in the window, and past a gloss fragment after it, by a few characters;
    // then to the end of the out-of-step run, which only a digit, a space or the line's end ends.
    let end = Math.min(lineEnd, mark + WINDOW_AFTER);
    for (let at = mark; at < end; at += 1) {
      if (text[at] !== '?' && text[at] !== '\uFFFD') continue;
      const fragment = glossAfter(text, at);
      end = Math.min(lineEnd, mark + WINDOW_MAX, Math.max(end, at + 1 + fragment.length + WINDOW_TAIL));
    }
    const runEnd = Math.min(lineEnd, mark + RUN_MAX);
    if (end < runEnd) end = Math.min(runEnd, lineStart + at(tables.nextInStep, end));
    // A window crowded with marks is no byte damage (showsByteDamage): known without building it.
    if (count(tables.marks, start, end) > MAX_MARKS_IN_WINDOW) continue;
    // The damage happens to GBK text: a mark without Chinese around it is left alone.
    // Glosses thin out the Han around a mark; a gloss fragment after it is Chinese context itself.
    const glossed = glossAfter(text, mark) !== '';
    const hanAround = count(tables.han, Math.max(lineStart, mark - NEIGHBOURHOOD), Math.min(lineEnd, mark + NEIGHBOURHOOD));
    if (hanAround < (glossed ? MIN_HAN_AROUND_GLOSSED : MIN_HAN_AROUND)) continue;
    const window = text.slice(start, end);
    if (!showsByteDamage(window) || !GUESSABLE_MARK.test(window)) continue;
    const before = text[start - 1] ?? '';
    // Quotation marks opened before the window, as the line's earlier repairs left it (a 」 that
    // an earlier window garbled is back), and not closed after it.
    while (quotesCursor < start) {
      const replacement = found[nextFound];
      if (replacement?.start === quotesCursor) {
        for (const char of replacement.text) quotesBefore = quotesAfter(char, quotesBefore);
        [quotesCursor, nextFound] = [replacement.end, nextFound + 1];
      } else quotesBefore = quotesAfter(text[quotesCursor++] as string, quotesBefore);
    }
    let openQuotes = quotesBefore;
    for (let kind = 0; kind < QUOTE_KINDS; kind += 1) openQuotes = withOpen(openQuotes, kind, openOf(openQuotes, kind) - openOf(at(tables.closingQuotes, end), kind));
    // The same damage recurs (every 模块 of a document is damaged alike): a window met before,
    // after the same character in a line of the same script and quotation, reads the same.
    const memoKey = `${lineScript}\u0000${openQuotes}\u0000${before}\u0000${window}`;
    let reading = windowsRead.get(memoKey);
    if (reading === undefined) {
      if (work.left <= 0) {
        unsearched += 1;
        covered = end;
        continue;
      }
      const granted = Math.min(work.left, WINDOW_WORK);
      const windowWork: SearchWork = { left: granted };
      // Without guessing every guessed character is marked: no margin is needed.
      documentPairs ??= pairCounts(text);
      reading = repairWindow(window, before, windowWork, guess, { script: lineScript, openQuotes }, documentPairs);
      work.left -= granted - windowWork.left;
      windowsRead.set(memoKey, reading);
    }
    if (!reading) continue;
    // Without guessing, every character that needed a guessed byte is marked instead; with it,
    // those whose guess is not clearly better than another reading.
    let repaired = '';
    for (let i = 0; i < reading.text.length; i += 1) {
      repaired += !guess || (reading.margins.get(i) ?? Infinity) < MIN_GUESS_MARGIN ? reading.sure[i] : reading.text[i];
    }
    // Trim what did not change at the end, so the replacement is minimal.
    let tail = 0;
    while (tail < window.length && tail < repaired.length && window[window.length - 1 - tail] === repaired[repaired.length - 1 - tail]) tail += 1;
    let head = 0;
    while (head < window.length - tail && head < repaired.length - tail && window[head] === repaired[head]) head += 1;
    const replacement = repaired.slice(head, repaired.length - tail);
    // `sure` is `text` with each character that needed a guessed byte marked, unit for unit.
    const guessed: Guess[] = [];
    const doubtful: Guess[] = [];
    for (let i = head; guess && i < repaired.length - tail; i += 1) {
      if (reading.sure[i] !== LOST || reading.text[i] === LOST) continue;
      const entry = { offset: start + i, char: reading.text[i] as string, margin: reading.margins.get(i) ?? Infinity };
      (repaired[i] === LOST ? doubtful : guessed).push(entry);
    }
    found.push({ start: start + head, end: end - tail, text: replacement, guessed, doubtful });
    covered = end - tail;
  }
  for (const line of searchedNow) searched.add(line);
  return { found, unsearched };
}

/**
 * Apply the replacements a misalignment search decided (`params.replacements`: start, end, text).
 *
 * @example
 * fixGbkMisalignment('要快?!昂谩?,就是', { replacements: [[2, 8, '。“好”，']] }) // '要快。“好”，就是'
 */
export function fixGbkMisalignment(text: string, params: StepParams, changes?: Changes): string {
  return applyReplacements(text, params, changes);
}
registerFixer('fixGbkMisalignment', fixGbkMisalignment);
