// The one options object of the core. The CLI builds it once and passes it down; library users
// pass a partial object and get the documented defaults for the rest.

/** Target script of `--to`. `null` keeps the script the text already has. */
export type ScriptTarget = 'simplified' | 'traditional' | 'taiwan' | 'hongkong';

/** When to restore full-width punctuation that was flattened to ASCII. */
export type PunctuationPolicy = 'auto' | 'fullwidth' | 'keep';

export interface RepairOptions {
  /** Convert the script after repair. Default `null`: keep the script as it is. */
  readonly to: ScriptTarget | null;
  /** Keep parenthesised pinyin glosses such as `會(huì)`. Default `false`: remove them where the document shows the pattern. */
  readonly keepGlosses: boolean;
  /**
   * `auto` (default) restores `，（）：；！？` only where the document carries other evidence of the
   * flattening (glosses, byte damage); `fullwidth` always; `keep` never.
   */
  readonly punct: PunctuationPolicy;
  /** Repair text decoded with the wrong codec. Default `true`. */
  readonly fixEncoding: boolean;
  /** Decode HTML entities, drop zero-width characters and stray BOMs. Default `true`. */
  readonly fixWebDebris: boolean;
  /** Lines longer than this (in UTF-16 units) are searched for mojibake in pieces of this size. Default 1,000,000. */
  readonly maxSegmentLength: number;
  /**
   * Recover characters whose bytes the context determines only together with a guessed byte
   * (the lead byte behind a `?`). Default `true`; `false` marks them as lost instead.
   */
  readonly guess: boolean;
  /** The character that marks lost characters in the output. Default U+FFFD. */
  readonly mark: string;
}

export const DEFAULT_OPTIONS: Readonly<RepairOptions> = Object.freeze({
  to: null,
  keepGlosses: false,
  punct: 'auto',
  fixEncoding: true,
  fixWebDebris: true,
  maxSegmentLength: 1_000_000,
  guess: true,
  mark: '\uFFFD',
});

const SCRIPT_ALIASES: Readonly<Record<string, ScriptTarget>> = Object.freeze({
  simplified: 'simplified',
  s: 'simplified',
  cn: 'simplified',
  traditional: 'traditional',
  t: 'traditional',
  taiwan: 'taiwan',
  tw: 'taiwan',
  hongkong: 'hongkong',
  hk: 'hongkong',
});

/**
 * The script target an alias names (`s`, `cn`, `t`, `tw`, `hk` or a full name), or `undefined`.
 *
 * @example
 * parseScriptTarget('TW') // 'taiwan'
 */
export function parseScriptTarget(name: string): ScriptTarget | undefined {
  return SCRIPT_ALIASES[name.toLowerCase()];
}

/** Fill in defaults and freeze. Throws `TypeError` on a value of the wrong kind. */
export function resolveOptions(partial: Partial<RepairOptions> = {}): Readonly<RepairOptions> {
  const options = { ...DEFAULT_OPTIONS, ...partial };
  if (options.to !== null && !Object.values(SCRIPT_ALIASES).includes(options.to)) {
    throw new TypeError(`unknown script target: ${String(options.to)}`);
  }
  if (!['auto', 'fullwidth', 'keep'].includes(options.punct)) {
    throw new TypeError(`unknown punctuation policy: ${String(options.punct)}`);
  }
  if (typeof options.mark !== 'string' || [...options.mark].length !== 1) {
    throw new TypeError('mark must be one character');
  }
  if (!Number.isInteger(options.maxSegmentLength) || options.maxSegmentLength < 1) {
    throw new TypeError('maxSegmentLength must be a positive integer');
  }
  return Object.freeze(options);
}
