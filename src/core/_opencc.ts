// Lazy, synchronous access to OpenCC's dictionaries as packaged by opencc-js. Each dictionary is
// loaded on first use only (Node >= 20.19 can require an ES module), so options that need none
// load none. opencc-js's own .d.ts files use extension-less relative imports that TypeScript
// rejects under `moduleResolution: nodenext` (TS2834), so the little used here is typed here.
import { byCodeUnit, requireModule } from './_lazy.js';

const dictionaries = new Map<string, ReadonlyMap<string, readonly string[]>>();

/**
 * One OpenCC dictionary (`TSCharacters`, `STCharacters`, `TSPhrases`, ...) as a map from each key
 * to its values, first value preferred. The packaged form is `key value value|key value|...`.
 */
export function openccDictionary(name: string): ReadonlyMap<string, readonly string[]> {
  let dictionary = dictionaries.get(name);
  if (!dictionary) {
    const packed = (requireModule(`opencc-js/dict/${name}`) as { default: string }).default;
    const map = new Map<string, readonly string[]>();
    for (const entry of packed.split('|')) {
      const [key, ...values] = entry.split(' ');
      if (key && values.length > 0) map.set(key, values);
    }
    dictionary = map;
    dictionaries.set(name, dictionary);
  }
  return dictionary;
}

/**
 * OpenCC's conversion configurations as opencc-js 1.4 defines them: characters normalised first,
 * then the text cut into segments by longest match in a phrase table (when there is one), then
 * each group of dictionaries applied in turn inside each segment, by longest match, the first
 * dictionary of a group winning on equal keys.
 */
interface ConversionConfig {
  readonly normalization: readonly string[];
  readonly segmentation?: readonly string[];
  readonly chain: readonly (readonly string[])[];
}

const NORMALIZATION = ['CJK_Compatibility_Ideographs'];
const S2T_PHRASES = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases'];

export const CONVERSIONS = {
  t2s: { normalization: NORMALIZATION, chain: [['TSPhrases', 'TSCharacters']] },
  s2t: { normalization: NORMALIZATION, chain: [[...S2T_PHRASES, 'STCharacters']] },
  s2twp: {
    normalization: NORMALIZATION,
    segmentation: S2T_PHRASES,
    chain: [[...S2T_PHRASES, 'STCharacters'], ['TWPhrases', 'TWVariantsPhrases', 'TWVariants']],
  },
  s2hk: {
    normalization: NORMALIZATION,
    segmentation: S2T_PHRASES,
    chain: [[...S2T_PHRASES, 'STCharacters'], ['HKVariantsPhrases', 'HKVariants']],
  },
} as const satisfies Record<string, ConversionConfig>;

export type ConversionName = keyof typeof CONVERSIONS;

/** The first code point of an ideographic description sequence, and how many parts follow it. */
function descriptionArity(code: number): number {
  if (code < 0x2ff0 || code > 0x2fff) return 0;
  return code === 0x2ff2 || code === 0x2ff3 ? 3 : 2;
}

function codePointLength(text: string, at: number): number {
  return (text.codePointAt(at) as number) > 0xffff ? 2 : 1;
}

/**
 * How many UTF-16 units an unmatched character takes: one code point, or a whole ideographic
 * description sequence (⿰氵每), which OpenCC leaves as it is.
 */
function unmatchedLength(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  if ((unit < 0x2ff0 || unit > 0x2fff) && (unit < 0xd800 || unit > 0xdbff)) return 1;
  const end = descriptionEnd(text, at);
  return end > at ? end - at : codePointLength(text, at);
}

function descriptionEnd(text: string, at: number): number {
  const arity = descriptionArity(text.codePointAt(at) as number);
  if (arity === 0) return 0;
  let end = at + codePointLength(text, at);
  for (let part = 0; part < arity; part += 1) {
    if (end >= text.length) return 0;
    end = descriptionEnd(text, end) || end + codePointLength(text, end);
  }
  return end;
}

interface TrieNode {
  value?: string;
  children?: Map<number, TrieNode>;
}

/**
 * Longest-match lookup in a group of dictionaries: a trie walked one UTF-16 unit at a time, so no
 * part of the text is cut out to be looked up, its first level a table by unit, so that a
 * character no key starts with costs one array read.
 */
class Matcher {
  /** The trie's first level, by UTF-16 unit: most units start no key and find nothing here. */
  private readonly roots: (TrieNode | undefined)[] = new Array(0x10000);
  /** What the last `match` found: its length in UTF-16 units (0 for nothing) and its value. */
  private matchedLength = 0;
  private matchedValue = '';

  constructor(names: readonly string[]) {
    // Later dictionaries first, so that the first of the group wins on an equal key.
    for (const name of [...names].reverse()) {
      for (const [key, [value]] of openccDictionary(name)) {
        if (value === undefined || key.length === 0) continue;
        const first = key.charCodeAt(0);
        let node = (this.roots[first] ??= {});
        for (let i = 1; i < key.length; i += 1) {
          const children = (node.children ??= new Map());
          const unit = key.charCodeAt(i);
          let child = children.get(unit);
          if (!child) children.set(unit, (child = {}));
          node = child;
        }
        node.value = value;
      }
    }
  }

  /** Find the longest key at `at`, into `matchedLength` and `matchedValue`. */
  private match(text: string, at: number): void {
    this.matchedLength = 0;
    let node = this.roots[text.charCodeAt(at)];
    for (let i = at + 1; node; i += 1) {
      if (node.value !== undefined) {
        this.matchedLength = i - at;
        this.matchedValue = node.value;
      }
      if (!node.children || i >= text.length) break;
      node = node.children.get(text.charCodeAt(i));
    }
  }

  /** Convert `text` by longest match, leaving unmatched characters as they are. */
  convert(text: string): string {
    let out = '';
    let copied = 0;
    for (let at = 0; at < text.length; ) {
      this.match(text, at);
      if (this.matchedLength === 0) {
        at += unmatchedLength(text, at);
        continue;
      }
      if (copied < at) out += text.slice(copied, at);
      out += this.matchedValue;
      at += this.matchedLength;
      copied = at;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** Where longest matches cut `text`: each match is a segment, and so is each unmatched run. */
  segmentEnds(text: string): number[] {
    const ends: number[] = [];
    let inRun = false;
    for (let at = 0; at < text.length; ) {
      this.match(text, at);
      if (this.matchedLength === 0) {
        at += unmatchedLength(text, at);
        inRun = true;
        continue;
      }
      if (inRun) ends.push(at);
      inRun = false;
      at += this.matchedLength;
      ends.push(at);
    }
    if (inRun) ends.push(text.length);
    return ends;
  }
}

export type Convert = (text: string) => string;

const converters = new Map<ConversionName, Convert>();

/**
 * A converter for one of OpenCC's configurations over the dictionaries opencc-js packages; it
 * gives what opencc-js gives, several times faster.
 *
 * @example
 * scriptConverter('t2s')('市政協會議') // '市政协会议'
 */
export function scriptConverter(name: ConversionName): Convert {
  let convert = converters.get(name);
  if (convert) return convert;
  const config: ConversionConfig = CONVERSIONS[name];
  const normalize = new Matcher(config.normalization);
  const segmenter = config.segmentation && new Matcher(config.segmentation);
  const chain = config.chain.map((names) => new Matcher(names));
  const convertSegment = (segment: string): string => chain.reduce((text, matcher) => matcher.convert(text), segment);
  convert = (text) => {
    const normalized = normalize.convert(text);
    if (!segmenter) return convertSegment(normalized);
    let out = '';
    let start = 0;
    for (const end of segmenter.segmentEnds(normalized)) {
      out += convertSegment(normalized.slice(start, end));
      start = end;
    }
    return out;
  };
  converters.set(name, convert);
  return convert;
}

/**
 * The character itself and its Simplified and Traditional counterparts, one to many both ways.
 *
 * @example
 * [...scriptVariants('綠')].sort().join('') // '綠绿'
 */
export function scriptVariants(char: string): ReadonlySet<string> {
  const variants = new Set([char]);
  for (const name of ['TSCharacters', 'STCharacters']) {
    for (const value of openccDictionary(name).get(char) ?? []) variants.add(value);
  }
  return variants;
}

/**
 * The script a character belongs to alone: `traditional` if it has a different Simplified form,
 * `simplified` if it has a different Traditional form, `null` if both scripts use it.
 *
 * @example
 * characterScript('會') // 'traditional'
 */
export function characterScript(char: string): 'simplified' | 'traditional' | null {
  const code = char.charCodeAt(0);
  if (code < 0x2e80) return null;
  return char.length === 1 ? scriptByCodeUnit(code) : findCharacterScript(char);
}
function findCharacterScript(char: string): 'simplified' | 'traditional' | null {
  return openccDictionary('TSCharacters').has(char) ? 'traditional' : openccDictionary('STCharacters').has(char) ? 'simplified' : null;
}
// Asked of every character a repair judges.
const scriptByCodeUnit = byCodeUnit(findCharacterScript);

/**
 * Which script a text is written in, judged by the characters only one script uses: `null`
 * without such characters, `mixed` when both kinds are common.
 *
 * @example
 * detectScript('市政協會議') // 'traditional'
 */
export function detectScript(text: string): 'simplified' | 'traditional' | 'mixed' | null {
  let traditional = 0;
  let simplified = 0;
  for (const char of text) {
    const script = characterScript(char);
    if (script === 'traditional') traditional += 1;
    else if (script === 'simplified') simplified += 1;
  }
  return scriptOfCounts(traditional, simplified);
}

/** Which script a text is written in, from how many of its characters only Traditional and only Simplified use (see detectScript). */
export function scriptOfCounts(traditional: number, simplified: number): 'simplified' | 'traditional' | 'mixed' | null {
  if (traditional + simplified === 0) return null;
  const share = traditional / (traditional + simplified);
  return share > 0.9 ? 'traditional' : share < 0.1 ? 'simplified' : 'mixed';
}
