// The word and character frequencies derived from jieba's lexicon (see scripts/build-lexicon.mjs),
// parsed on first use only: clean text and options that need no language model never load it.
import { lazy, requireModule } from './_lazy.js';

export interface Lexicon {
  /** Natural log of a word's corpus frequency, or `undefined` for a word not in the table. */
  word(word: string): number | undefined;
  /** Natural log of the frequency of the commonest word in which `first` is followed by `second`. */
  pair(first: string, second: string): number | undefined;
  /** The same for two UTF-16 code units. */
  pairOfCodes(first: number, second: number): number | undefined;
  /** The highest `pairOfCodes(code, x)` for any x, and the highest `pairOfCodes(x, code)`. */
  bestPairAfter(code: number): number | undefined;
  bestPairBefore(code: number): number | undefined;
  /** Natural log of a Han character's frequency, or `undefined` for one never seen. */
  char(char: string): number | undefined;
  /** Natural log of the total frequency, to turn frequencies into probabilities. */
  readonly logTotal: number;
  /** Every word with its log frequency. */
  entries(): IterableIterator<[string, number]>;
}

let lexicon: Lexicon | undefined;

function unpack(packed: string, split: (items: string) => Iterable<string>): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of packed.split('\n')) {
    const colon = line.indexOf(':');
    const logFreq = Number(line.slice(0, colon)) / 2;
    for (const item of split(line.slice(colon + 1))) map.set(item, logFreq);
  }
  return map;
}

export function getLexicon(): Lexicon {
  if (!lexicon) {
    const data = requireModule('./data/lexicon.js') as { WORDS: string; CHARACTERS: string; TOTAL_FREQUENCY: number };
    const chars = unpack(data.CHARACTERS, (items) => items);
    // The word list is ten times larger: judging characters (clean text) never unpacks it.
    const words = lazy(() => unpack(data.WORDS, (items) => items.split(' ')));
    // Pairs by their two UTF-16 units, so that a lookup builds no string.
    const pairs = lazy(() => {
      const byFirst = new Map<number, Map<number, number>>();
      for (const [word, logFreq] of words()) {
        for (let i = 0; i + 1 < word.length; i += 1) {
          const first = word.charCodeAt(i);
          const seconds = byFirst.get(first) ?? new Map<number, number>();
          byFirst.set(first, seconds);
          const second = word.charCodeAt(i + 1);
          if ((seconds.get(second) ?? 0) < logFreq) seconds.set(second, logFreq);
        }
      }
      return byFirst;
    });
    const bestPairs = lazy(() => {
      const after = new Map<number, number>();
      const before = new Map<number, number>();
      for (const [first, seconds] of pairs()) {
        for (const [second, logFreq] of seconds) {
          if ((after.get(first) ?? -Infinity) < logFreq) after.set(first, logFreq);
          if ((before.get(second) ?? -Infinity) < logFreq) before.set(second, logFreq);
        }
      }
      return { after, before };
    });
    lexicon = {
      word: (word) => words().get(word),
      pair: (first, second) => (first.length === 1 && second.length === 1 ? lexicon?.pairOfCodes(first.charCodeAt(0), second.charCodeAt(0)) : undefined),
      pairOfCodes: (first, second) => pairs().get(first)?.get(second),
      bestPairAfter: (code) => bestPairs().after.get(code),
      bestPairBefore: (code) => bestPairs().before.get(code),
      char: (char) => chars.get(char),
      logTotal: Math.log(data.TOTAL_FREQUENCY),
      entries: () => words().entries(),
    };
  }
  return lexicon;
}
