// Pinyin syllables and character readings. Readings come from pinyin-pro, memoised per character
// (only characters that a gloss follows are ever looked up) over the character's Simplified and
// Traditional forms, since a Traditional form can list fewer readings (綠 lǜ; 绿 lǜ and lù).
import type { polyphonic as Polyphonic } from 'pinyin-pro';
import { lazy, requireModule } from './_lazy.js';
import { scriptVariants } from './_opencc.js';

const polyphonic = lazy(() => (requireModule('pinyin-pro') as { polyphonic: typeof Polyphonic }).polyphonic);

// Combining tone marks after NFD: macron, acute, caron, grave.
const TONE_MARKS: Readonly<Record<string, string>> = { '\u0304': '1', '\u0301': '2', '\u030C': '3', '\u0300': '4' };

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

// Searches ask the same few questions for every candidate character: the normal forms of
// syllables (a bounded memo, as text can hold any number of them) and each character's readings
// without tones are kept.
const normalForms = new Map<string, string | undefined>();
const MAX_NORMAL_FORMS = 4096;
function normalFormOf(syllable: string): string | undefined {
  if (normalForms.has(syllable)) return normalForms.get(syllable);
  if (normalForms.size >= MAX_NORMAL_FORMS) normalForms.clear();
  const normal = normalizeSyllable(syllable);
  normalForms.set(syllable, normal);
  return normal;
}
const tonelessReadings = new Map<string, ReadonlySet<string>>();
function tonelessReadingsOf(char: string): ReadonlySet<string> {
  let found = tonelessReadings.get(char);
  if (!found) {
    found = new Set([...readingsOf(char)].map((reading) => reading.replace(/\d$/, '')));
    tonelessReadings.set(char, found);
  }
  return found;
}

/**
 * Whether a glossed syllable is a reading of `char`. An unmarked syllable matches any tone; with
 * `anyTone`, so does a marked one (glosses may follow older or Taiwan readings: 績 jī).
 */
export function isReadingOf(char: string, syllable: string, anyTone = false): boolean {
  const normal = normalFormOf(syllable);
  if (!normal) return false;
  if (readingsOf(char).has(normal)) return true;
  const toneless = normal.replace(/\d$/, '');
  if (toneless !== normal && !anyTone) return false;
  return tonelessReadingsOf(char).has(toneless);
}
