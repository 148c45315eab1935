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

const known = (logFreq: number | undefined): number | undefined => (logFreq === -Infinity ? undefined : logFreq);

/**
 * The commonest word's log frequency for each pair of UTF-16 units that follow each other inside
 * a word, in one open-addressed table keyed by both units: the models look up pairs millions of
 * times, and a lookup here builds nothing and follows no second map.
 */
interface PairTable {
  get(first: number, second: number): number | undefined;
  /** By unit: the highest log frequency of a pair it begins, and of one it ends (-Infinity for none). */
  readonly bestAfter: Float64Array;
  readonly bestBefore: Float64Array;
}

function pairTable(words: ReadonlyMap<string, number>): PairTable {
  let pairCount = 0;
  for (const word of words.keys()) pairCount += word.length - 1;
  // A power of two at least twice the pairs (repeats included): probes stay short.
  const size = 2 ** Math.ceil(Math.log2(2 * pairCount + 2));
  const mask = size - 1;
  // A key is both units in 32 bits; no pair has a NUL first unit, so 0 marks an empty slot.
  const keys = new Uint32Array(size);
  const values = new Float64Array(size);
  const slotOf = (key: number): number => {
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  };
  const bestAfter = new Float64Array(0x10000).fill(-Infinity);
  const bestBefore = new Float64Array(0x10000).fill(-Infinity);
  for (const [word, logFreq] of words) {
    for (let i = 0; i + 1 < word.length; i += 1) {
      const first = word.charCodeAt(i);
      const second = word.charCodeAt(i + 1);
      const key = ((first << 16) | second) >>> 0;
      const slot = slotOf(key);
      if (keys[slot] === 0 || (values[slot] as number) < logFreq) {
        keys[slot] = key;
        values[slot] = logFreq;
      }
      if ((bestAfter[first] as number) < logFreq) bestAfter[first] = logFreq;
      if ((bestBefore[second] as number) < logFreq) bestBefore[second] = logFreq;
    }
  }
  return {
    get: (first, second) => {
      const key = ((first << 16) | second) >>> 0;
      const slot = slotOf(key);
      return keys[slot] === 0 ? undefined : values[slot];
    },
    bestAfter,
    bestBefore,
  };
}

export function getLexicon(): Lexicon {
  if (!lexicon) {
    const data = requireModule('./data/lexicon.js') as { WORDS: string; CHARACTERS: string; TOTAL_FREQUENCY: number };
    const chars = unpack(data.CHARACTERS, (items) => items);
    // The word list is ten times larger: judging characters (clean text) never unpacks it.
    const words = lazy(() => unpack(data.WORDS, (items) => items.split(' ')));
    const pairs = lazy(() => pairTable(words()));
    lexicon = {
      word: (word) => words().get(word),
      pair: (first, second) => (first.length === 1 && second.length === 1 ? lexicon?.pairOfCodes(first.charCodeAt(0), second.charCodeAt(0)) : undefined),
      pairOfCodes: (first, second) => pairs().get(first, second),
      bestPairAfter: (code) => known(pairs().bestAfter[code]),
      bestPairBefore: (code) => known(pairs().bestBefore[code]),
      char: (char) => chars.get(char),
      logTotal: Math.log(data.TOTAL_FREQUENCY),
      entries: () => words().entries(),
    };
  }
  return lexicon;
}
