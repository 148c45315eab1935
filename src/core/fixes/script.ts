// Script conversion (`--to`) with OpenCC's dictionaries from opencc-js, loaded on first use and
// only for the direction asked for. Traditional to Simplified is one-to-many and OpenCC resolves
// it by its phrase table alone; where no OpenCC phrase covers a character, fixnews also asks the
// lexicon whether another Simplified candidate makes a clearly commoner word (著力 -> 着力).
import { Changes, registerFixer, type StepParams } from '../plan.js';
import type { ScriptTarget } from '../options.js';
import { openccDictionary, scriptConverter, type ConversionName } from '../_opencc.js';
import { getLexicon } from '../_lexicon.js';

const CONVERSION_FOR: Readonly<Record<ScriptTarget, ConversionName>> = {
  simplified: 't2s',
  traditional: 's2t',
  taiwan: 's2twp',
  hongkong: 's2hk',
};

/**
 * Convert the script of `text` to `params.to` (`simplified`, `traditional`, `taiwan`, `hongkong`).
 *
 * @example
 * convertScript('市政協五屆二次會議', { to: 'simplified' }) // '市政协五届二次会议'
 * convertScript('著力構建，著名作家', { to: 'simplified' }) // '着力构建，著名作家'
 */
export function convertScript(text: string, params: StepParams, changes?: Changes): string {
  const target = params['to'] as ScriptTarget;
  let converted = scriptConverter(CONVERSION_FOR[target])(text);
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

interface Ambiguity {
  readonly options: ReadonlyMap<string, readonly string[]>;
  /** 1 for each UTF-16 unit that is an ambiguous character: most text is passed over by this. */
  readonly units: Uint8Array;
}

let ambiguity: Ambiguity | undefined;
let phraseLength = 0;

/**
 * Traditional characters with more than one Simplified form: OpenCC's own mapping, the mapping
 * of their regional variants (Taiwan 著 is standard 着), the Simplified character that OpenCC's
 * Simplified-to-Traditional phrases turn into it (坐标 -> 座標, so 座 may stand for 坐), and the
 * character itself where the lexicon shows it in Simplified use (乾 in 乾隆).
 */
function ambiguousCharacters(): Ambiguity {
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
  const options = new Map([...map].filter(([traditional, list]) => list.length > 1 && traditional.length === 1));
  const units = new Uint8Array(0x10000);
  for (const traditional of options.keys()) units[traditional.charCodeAt(0)] = 1;
  ambiguity = { options, units };
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
 * The converted text with the lexicon's few switches laid over it, read one UTF-16 unit at a time
 * (copying the text into an array of units would cost more than the whole choice).
 */
class SwitchedText {
  private readonly switches = new Map<number, string>();
  constructor(private readonly base: string) {}

  get length(): number {
    return this.base.length;
  }

  unit(at: number): string {
    return this.switches.get(at) ?? (this.base[at] as string);
  }

  /** The units from `start` to `end`, with `char` standing at `at`. */
  slice(start: number, end: number, at: number, char: string): string {
    let text = '';
    for (let i = start; i < end; i += 1) text += i === at ? char : this.unit(i);
    return text;
  }

  switch(at: number, char: string): void {
    this.switches.set(at, char);
  }

  toString(): string {
    if (this.switches.size === 0) return this.base;
    let text = '';
    let copied = 0;
    for (const [at, char] of [...this.switches].sort(([a], [b]) => a - b)) {
      text += this.base.slice(copied, at) + char;
      copied = at + 1;
    }
    return text + this.base.slice(copied);
  }
}

/**
 * The log frequency of the commonest lexicon word that covers position `at` of `text`, with
 * `char` standing at `at`. Only the few units around `at` are read.
 */
function bestWordAt(text: SwitchedText, at: number, char: string): number {
  const lexicon = getLexicon();
  const from = Math.max(0, at - MAX_WORD + 1);
  const window = text.slice(from, Math.min(text.length, at + MAX_WORD), at, char);
  const local = at - from;
  let best = -Infinity;
  for (let start = 0; start <= local; start += 1) {
    for (let end = Math.max(local + 1, start + 2); end <= Math.min(window.length, start + MAX_WORD); end += 1) {
      const score = lexicon.word(window.slice(start, end));
      if (score !== undefined && score > best) best = score;
    }
  }
  return best;
}

/**
 * The most a lexicon word covering `at` can score with `char` there: every such word holds the
 * pair to the left or to the right. Cheap, and usually below the bar, which spares the search.
 */
function pairBound(text: SwitchedText, at: number, char: string): number {
  const lexicon = getLexicon();
  const left = at > 0 ? lexicon.pair(text.unit(at - 1), char) : undefined;
  const right = at + 1 < text.length ? lexicon.pair(char, text.unit(at + 1)) : undefined;
  return Math.max(left ?? -Infinity, right ?? -Infinity);
}

// Works on UTF-16 units, as OpenCC keeps the length.
function preferCommonerWords(source: string, converted: string): string {
  const { options: candidates, units } = ambiguousCharacters();
  const result = new SwitchedText(converted);
  for (let at = 0; at < source.length; at += 1) {
    if (units[source.charCodeAt(at)] === 0) continue;
    const options = candidates.get(source[at] as string) as readonly string[];
    const current = result.unit(at);
    const contenders = options.filter((option) => option !== current && pairBound(result, at, option) >= MIN_WORD_LOG_FREQ);
    if (contenders.length === 0) continue;
    const margin = coveredByPhrase(source, at) ? PHRASE_SWITCH_MARGIN : SWITCH_MARGIN;
    let best = current;
    let bestScore = bestWordAt(result, at, current);
    for (const option of contenders) {
      const score = bestWordAt(result, at, option);
      if (score >= MIN_WORD_LOG_FREQ && score > bestScore + margin) {
        best = option;
        bestScore = score;
      }
    }
    if (best !== current) result.switch(at, best);
  }
  return result.toString();
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
