// Pinyin syllables and character readings. Readings come from pinyin-pro, memoised per character
// (only characters that a gloss follows are ever looked up) over the character's Simplified and
// Traditional forms, since a Traditional form can list fewer readings (綠 lǜ; 绿 lǜ and lù).
import type { polyphonic as Polyphonic } from 'pinyin-pro';
import { lazy, requireModule } from './_lazy.js';
import { scriptVariants } from './_opencc.js';

const polyphonic = lazy(() => (requireModule('pinyin-pro') as { polyphonic: typeof Polyphonic }).polyphonic);

// Combining tone marks after NFD: macron, acute, caron, grave.
const TONE_MARKS: Readonly<Record<string, string>> = { '\u0304': '1', '\u0301': '2', '\u030C': '3', '\u0300': '4' };

/** What a glossed syllable looks like (as a RegExp source): pinyin letters, with tone marks, `u:` or a tone digit. */
export const GLOSS_SYLLABLE = '[a-zA-Z\\u00C0-\\u024F\\u0300-\\u036F:]{1,7}[0-5]?';

/**
 * A syllable in one comparable form: lower case, `ü` spelled `v`, tone as a final digit 1-4, or
 * no digit for the neutral tone (or an unmarked syllable). `undefined` if it is not pinyin-shaped.
 *
 * @example
 * normalizeSyllable('Lǜ') // 'lv4'
 */
export function normalizeSyllable(syllable: string): string | undefined {
  let tone = '';
  let letters = '';
  for (const char of syllable.normalize('NFD').toLowerCase()) {
    const mark = TONE_MARKS[char];
    if (mark) {
      if (tone) return undefined;
      tone = mark;
    } else if (char === '\u0308' && letters.endsWith('u')) letters = `${letters.slice(0, -1)}v`;
    else if (char >= 'a' && char <= 'z') letters += char;
    else if (char === ':' && letters.endsWith('u')) letters = `${letters.slice(0, -1)}v`;
    else if (/[0-5]/.test(char) && !tone && letters) tone = char === '0' || char === '5' ? '' : char;
    else return undefined;
  }
  if (!/^[a-z]*[aeiouvmn][a-z]*$/.test(letters) || letters.length > 6) return undefined;
  return letters + tone;
}

/** A character's readings, normalised, and the same without their tones. */
interface Readings {
  readonly toned: ReadonlySet<string>;
  readonly toneless: ReadonlySet<string>;
}
const readings = new Map<string, Readings>();

const withoutTone = (syllable: string): string => syllable.replace(/\d$/, '');

/** Every reading of a Han character or of its other-script forms, normalised. */
function readingsOf(char: string): Readings {
  let found = readings.get(char);
  if (!found) {
    const toned = new Set<string>();
    for (const form of scriptVariants(char)) {
      for (const reading of polyphonic()(form, { type: 'array', toneType: 'symbol' })[0] ?? []) {
        const normal = normalizeSyllable(reading);
        if (normal) toned.add(normal);
      }
    }
    found = { toned, toneless: new Set([...toned].map(withoutTone)) };
    readings.set(char, found);
  }
  return found;
}

// Searches ask whether a syllable is a reading of each candidate character, the same syllables
// many times over: each syllable's normal form is kept with the answers given for it (a bounded
// memo, as text can hold any number of syllables).
interface SyllableAnswers {
  /** The normal form, and the same without its tone. */
  readonly normal: string;
  readonly bare: string;
  /** By character: whether the syllable reads it with its tone, and with any tone. */
  readonly answers: Map<string, number>;
}
const syllables = new Map<string, SyllableAnswers | null>();
const MAX_ANSWERS = 262144;
let answersKept = 0;
const READS_WITH_TONE = 1;
const READS_WITH_ANY_TONE = 2;

/**
 * Whether a glossed syllable is a reading of `char`. An unmarked syllable matches any tone; with
 * `anyTone`, so does a marked one (glosses may follow older or Taiwan readings: 績 jī).
 */
export function isReadingOf(char: string, syllable: string, anyTone = false): boolean {
  let known = syllables.get(syllable);
  if (known === undefined) {
    if (answersKept >= MAX_ANSWERS) {
      syllables.clear();
      answersKept = 0;
    }
    const normal = normalizeSyllable(syllable);
    known = normal === undefined ? null : { normal, bare: withoutTone(normal), answers: new Map() };
    syllables.set(syllable, known);
    answersKept += 1;
  }
  if (known === null) return false;
  let answer = known.answers.get(char);
  if (answer === undefined) {
    const { toned, toneless } = readingsOf(char);
    const { normal, bare } = known;
    answer = 0;
    // The syllable's own tone, or (an unmarked syllable) any tone; with anyTone, any reading without its tone.
    if (toned.has(normal) || (bare === normal && toneless.has(bare))) answer |= READS_WITH_TONE;
    if (toneless.has(bare)) answer |= READS_WITH_ANY_TONE;
    known.answers.set(char, answer);
    answersKept += 1;
  }
  return (answer & (anyTone ? READS_WITH_ANY_TONE : READS_WITH_TONE)) !== 0;
}
