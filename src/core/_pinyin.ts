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

const readings = new Map<string, ReadonlySet<string>>();

/** Every reading of a Han character or of its other-script forms, normalised. */
export function readingsOf(char: string): ReadonlySet<string> {
  let found = readings.get(char);
  if (!found) {
    const set = new Set<string>();
    for (const form of scriptVariants(char)) {
      for (const reading of polyphonic()(form, { type: 'array', toneType: 'symbol' })[0] ?? []) {
        const normal = normalizeSyllable(reading);
        if (normal) set.add(normal);
      }
    }
    found = set;
    readings.set(char, found);
  }
  return found;
}

// Searches ask whether a syllable is a reading of each candidate character, the same questions
// many times over: the answers are kept (a bounded memo, as text can hold any number of syllables).
const readingAnswers = new Map<string, boolean>();
const MAX_READING_ANSWERS = 65536;

/**
 * Whether a glossed syllable is a reading of `char`. An unmarked syllable matches any tone; with
 * `anyTone`, so does a marked one (glosses may follow older or Taiwan readings: 績 jī).
 */
export function isReadingOf(char: string, syllable: string, anyTone = false): boolean {
  const key = `${anyTone ? '~' : '='}${syllable}\u0000${char}`;
  let answer = readingAnswers.get(key);
  if (answer === undefined) {
    if (readingAnswers.size >= MAX_READING_ANSWERS) readingAnswers.clear();
    answer = readingAnswerOf(char, syllable, anyTone);
    readingAnswers.set(key, answer);
  }
  return answer;
}

function readingAnswerOf(char: string, syllable: string, anyTone: boolean): boolean {
  const normal = normalizeSyllable(syllable);
  if (!normal) return false;
  const readings = readingsOf(char);
  if (readings.has(normal)) return true;
  const toneless = normal.replace(/\d$/, '');
  if (toneless !== normal && !anyTone) return false;
  for (const reading of readings) if (reading.replace(/\d$/, '') === toneless) return true;
  return false;
}
