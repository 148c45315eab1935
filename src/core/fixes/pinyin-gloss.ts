// Parenthesised pinyin glosses after Han characters, as some sites add them to every hard
// character: 會(huì)議 -> 會議. A gloss is removed only when it is one syllable that is a reading of
// the character it follows, and only in a document that shows the pattern: a teaching line such
// as 你好(nǐ hǎo), a name such as 北京(Běijīng) and ordinary parentheses are not glosses.
import { Changes, registerFixer, type StepParams } from '../plan.js';
import { GLOSS_SYLLABLE, isReadingOf } from '../_pinyin.js';

// One Han character, then one parenthesised pinyin-shaped token (ASCII or full-width brackets).
const GLOSS = new RegExp(`(\\p{Script=Han})([(（])(${GLOSS_SYLLABLE})([)）])`, 'gu');
const HAN = /\p{Script=Han}/u;

/** How many mid-word glosses (a Han character on both sides) show that a document is glossed. */
export const MIN_MIDWORD_GLOSSES = 2;

function isGloss(match: RegExpExecArray, anyTone: boolean): boolean {
  const [, char, open, syllable, close] = match;
  return (open === '(') === (close === ')') && isReadingOf(char as string, syllable as string, anyTone);
}

/** How many glosses, with the right tone, stand between two Han characters: the sign of machine glossing. */
export function countMidwordGlosses(text: string): number {
  let count = 0;
  for (const match of text.matchAll(GLOSS)) {
    const after = text.codePointAt(match.index + match[0].length);
    if (after !== undefined && HAN.test(String.fromCodePoint(after)) && isGloss(match, false)) count += 1;
  }
  return count;
}

/**
 * Remove every single-syllable gloss that is a reading of the character before it, in any tone
 * (the pipeline has already seen the document's glosses match with their tones).
 *
 * @example
 * removePinyinGloss('市政協(xié)五屆二次會(huì)議', {}) // '市政協五屆二次會議'
 * removePinyinGloss('你好(nǐ hǎo)', {}) // '你好(nǐ hǎo)'
 */
export function removePinyinGloss(text: string, _params: StepParams, changes?: Changes): string {
  return text.replace(GLOSS, (...args) => {
    const match = args.slice(0, 5) as unknown as RegExpExecArray;
    const offset = args[5] as number;
    if (!isGloss(match, true)) return match[0];
    changes?.note(offset + (match[1] as string).length);
    return match[1] as string;
  });
}
registerFixer('removePinyinGloss', removePinyinGloss);
