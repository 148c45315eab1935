// Script conversion (`--to`) with OpenCC's dictionaries from opencc-js, loaded on first use and
// only for the direction asked for. Traditional to Simplified is one-to-many and OpenCC resolves
// it by its phrase table alone; where no OpenCC phrase covers a character, fixnews also asks the
// lexicon whether another Simplified candidate makes a clearly commoner word (著力 -> 着力).
import { Changes, registerFixer, type StepParams } from '../plan.js';
import type { ScriptTarget } from '../options.js';
import { openccConverter, openccDictionary, type OpenccConvert } from '../_opencc.js';
import { getLexicon } from '../_lexicon.js';

const DIRECTIONS: Readonly<Record<ScriptTarget, { preset: 't2cn' | 'cn2t'; from: string; to: string }>> = {
  simplified: { preset: 't2cn', from: 't', to: 'cn' },
  traditional: { preset: 'cn2t', from: 'cn', to: 't' },
  taiwan: { preset: 'cn2t', from: 'cn', to: 'twp' },
  hongkong: { preset: 'cn2t', from: 'cn', to: 'hk' },
};

const converters = new Map<ScriptTarget, OpenccConvert>();

function converterFor(target: ScriptTarget): OpenccConvert {
  let convert = converters.get(target);
  if (!convert) {
    const { preset, from, to } = DIRECTIONS[target];
    convert = openccConverter(preset, from, to);
    converters.set(target, convert);
  }
  return convert;
}

/**
 * Convert the script of `text` to `params.to` (`simplified`, `traditional`, `taiwan`, `hongkong`).
 *
 * @example
 * convertScript('市政協五屆二次會議', { to: 'simplified' }) // '市政协五届二次会议'
 * convertScript('著力構建，著名作家', { to: 'simplified' }) // '着力构建，著名作家'
 */
export function convertScript(text: string, params: StepParams, changes?: Changes): string {
  const target = params['to'] as ScriptTarget;
  let converted = converterFor(target)(text);
  if (target === 'simplified' && converted.length === text.length) converted = preferCommonerWords(text, converted);
  if (changes && converted !== text) noteCharacterChanges(text, converted, changes);
  return converted;
}
registerFixer('convertScript', convertScript);

// A switch needs the other candidate's best word to be this many times commoner (log scale) and
// itself reasonably common, so that the lexicon overrides OpenCC only on clear evidence.
const SWITCH_MARGIN = Math.log(4);
// Where an OpenCC phrase chose the character, the lexicon must disagree far more strongly.
const PHRASE_SWITCH_MARGIN = Math.log(100);
const MIN_WORD_LOG_FREQ = Math.log(50);
const MAX_WORD = 4;

let ambiguity: Map<string, readonly string[]> | undefined;
let phraseLength = 0;

/**
 * Traditional characters with more than one Simplified form: OpenCC's own mapping, the mapping
 * of their regional variants (Taiwan 著 is standard 着), the Simplified character that OpenCC's
 * Simplified-to-Traditional phrases turn into it (坐标 -> 座標, so 座 may stand for 坐), and the
 * character itself where the lexicon shows it in Simplified use (乾 in 乾隆).
 */
function ambiguousCharacters(): Map<string, readonly string[]> {
  if (ambiguity) return ambiguity;
  const toSimplified = openccDictionary('TSCharacters');
  const simplify = (char: string): string => toSimplified.get(char)?.[0] ?? char;
  const lexicon = getLexicon();
  const map = new Map<string, string[]>();
  const add = (traditional: string, simplified: string): void => {
    const list = map.get(traditional) ?? [simplify(traditional)];
    if (!list.includes(simplified)) list.push(simplified);
    map.set(traditional, list);
  };
  for (const name of ['TWVariantsRev', 'HKVariantsRev']) {
    for (const [variant, [standard]] of openccDictionary(name)) if (standard) add(variant, simplify(standard));
  }
  for (const [simplifiedPhrase, [traditionalPhrase]] of openccDictionary('STPhrases')) {
    if (traditionalPhrase?.length !== simplifiedPhrase.length) continue;
    for (let i = 0; i < simplifiedPhrase.length; i += 1) add(traditionalPhrase[i] as string, simplifiedPhrase[i] as string);
  }
  for (const traditional of toSimplified.keys()) if (lexicon.char(traditional) !== undefined) add(traditional, traditional);
  ambiguity = new Map([...map].filter(([, list]) => list.length > 1));
  for (const key of openccDictionary('TSPhrases').keys()) phraseLength = Math.max(phraseLength, key.length);
  return ambiguity;
}

function coveredByPhrase(source: string, at: number): boolean {
  const phrases = openccDictionary('TSPhrases');
  for (let start = Math.max(0, at - phraseLength + 1); start <= at; start += 1) {
    for (let end = Math.max(at + 1, start + 2); end <= Math.min(source.length, start + phraseLength); end += 1) {
      if (phrases.has(source.slice(start, end))) return true;
    }
  }
  return false;
}

/**
 * The log frequency of the commonest lexicon word that covers position `at` of `chars`, with
 * `char` standing at `at`. Only the few units around `at` are read: no copy of the text.
 */
function bestWordAt(chars: readonly string[], at: number, char: string): number {
  const lexicon = getLexicon();
  const from = Math.max(0, at - MAX_WORD + 1);
  const window = chars.slice(from, Math.min(chars.length, at + MAX_WORD));
  window[at - from] = char;
  const local = at - from;
  let best = -Infinity;
  for (let start = 0; start <= local; start += 1) {
    for (let end = Math.max(local + 1, start + 2); end <= Math.min(window.length, start + MAX_WORD); end += 1) {
      const score = lexicon.word(window.slice(start, end).join(''));
      if (score !== undefined && score > best) best = score;
    }
  }
  return best;
}

// Works on UTF-16 units, as OpenCC keeps the length: one array, changed in place.
function preferCommonerWords(source: string, converted: string): string {
  const candidates = ambiguousCharacters();
  const result = converted.split('');
  let changed = false;
  for (let at = 0; at < source.length; at += 1) {
    const options = candidates.get(source[at] as string);
    if (!options) continue;
    const margin = coveredByPhrase(source, at) ? PHRASE_SWITCH_MARGIN : SWITCH_MARGIN;
    const current = result[at] as string;
    let best = current;
    let bestScore = bestWordAt(result, at, current);
    for (const option of options) {
      if (option === current) continue;
      const score = bestWordAt(result, at, option);
      if (score >= MIN_WORD_LOG_FREQ && score > bestScore + margin) {
        best = option;
        bestScore = score;
      }
    }
    if (best !== current) {
      result[at] = best;
      changed = true;
    }
  }
  return changed ? result.join('') : converted;
}

// Conversion maps a phrase to one of the same length almost always; where it did not, the
// change is noted once at the first difference rather than aligned.
function noteCharacterChanges(before: string, after: string, changes: Changes): void {
  if (before.length !== after.length) {
    let i = 0;
    while (before.charCodeAt(i) === after.charCodeAt(i)) i += 1;
    changes.note(i);
    return;
  }
  for (let i = 0; i < before.length; i += 1) {
    if (before.charCodeAt(i) !== after.charCodeAt(i)) changes.note(i);
  }
}
