// Lazy, synchronous access to OpenCC's dictionaries as packaged by opencc-js. Each dictionary is
// loaded on first use only (Node >= 20.19 can require an ES module), so options that need none
// load none. opencc-js's own .d.ts files use extension-less relative imports that TypeScript
// rejects under `moduleResolution: nodenext` (TS2834), so the little used here is typed here.
import { requireModule } from './_lazy.js';

export type OpenccConvert = (text: string) => string;
type OpenccBuilder = (preset: unknown) => (options: { from: string; to: string }) => OpenccConvert;

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

/** An opencc-js converter built from one of its presets (`t2cn` or `cn2t`). */
export function openccConverter(preset: 't2cn' | 'cn2t', from: string, to: string): OpenccConvert {
  const core = requireModule('opencc-js/core') as { ConverterBuilder: OpenccBuilder };
  const locale = requireModule(`opencc-js/preset/${preset}`) as unknown;
  return core.ConverterBuilder(locale)({ from, to });
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
 * Which script a text is written in, judged by the characters only one script uses: `null`
 * without such characters, `mixed` when both kinds are common.
 *
 * @example
 * detectScript('市政協會議') // 'traditional'
 */
export function detectScript(text: string): 'simplified' | 'traditional' | 'mixed' | null {
  const traditionalOnly = openccDictionary('TSCharacters');
  const simplifiedOnly = openccDictionary('STCharacters');
  let traditional = 0;
  let simplified = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x2e80) continue;
    if (traditionalOnly.has(char)) traditional += 1;
    else if (simplifiedOnly.has(char)) simplified += 1;
  }
  if (traditional + simplified === 0) return null;
  const share = traditional / (traditional + simplified);
  return share > 0.9 ? 'traditional' : share < 0.1 ? 'simplified' : 'mixed';
}
