// The mark of a lost character. Every repair writes U+FFFD, the Unicode replacement character,
// where bytes are lost; `--mark` puts another character in its place at the end.
import { Changes, registerFixer, type StepParams } from '../plan.js';

export const LOST = '\uFFFD';

/** A lost character recovered from context: where it stands, what it is, and how sure. */
export interface Guess {
  readonly offset: number;
  readonly char: string;
  /** How much costlier the next candidate was (in the naturalness model's units, natural logs); Infinity when there was none. */
  readonly margin: number;
}

/**
 * Write lost characters (U+FFFD) with another mark.
 *
 * @example
 * markLostCharacters('體系。“\uFFFD”', { mark: '〓' }) // '體系。“〓”'
 */
export function markLostCharacters(text: string, params: StepParams, changes?: Changes): string {
  const mark = params['mark'] as string;
  return text.replace(/\uFFFD/g, (_lost: string, offset: number) => {
    changes?.note(offset);
    return mark;
  });
}
registerFixer('markLostCharacters', markLostCharacters);
