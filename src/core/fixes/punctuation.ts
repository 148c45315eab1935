// Full-width punctuation that was flattened to ASCII. Chinese text writes ，（）：；！？; a
// flattening pass (on text or on bytes) turns them into , ( ) : ; ! ?. They are restored only
// where they stand in Chinese text, next to Han characters or Chinese punctuation, never inside
// numbers, Latin words, URLs or English sentences. The pipeline decides whether a document shows
// the flattening at all: clean text whose author chose ASCII punctuation is not damage.
import { Changes, registerFixer, type StepParams } from '../plan.js';
import { GLOSS_SYLLABLE, isReadingOf } from '../_pinyin.js';

const FULLWIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

// Han characters, CJK symbols and punctuation (、。〈〉《》「」【】), full-width forms, and the
// curly quotation marks Chinese uses.
const CHINESE = /[\p{Script=Han}\u3000-\u303F\uFF01-\uFF60\u201C\u201D\u2018\u2019]/u;
// A run of marks (?!, ???) is one piece of punctuation: all of it or none is widened.
const SENTENCE_MARKS = /[,;:!?]+/g;
// A parenthesised span on one line, with no parenthesis inside.
const PARENTHESISED = /\(([^()\n]{1,200})\)/g;
const HAN = /\p{Script=Han}/u;
const ONE_SYLLABLE = new RegExp(`^${GLOSS_SYLLABLE}$`, 'u');

function isChinese(char: string | undefined): boolean {
  return char !== undefined && CHINESE.test(char);
}

/**
 * Restore full-width punctuation where ASCII marks stand in Chinese text.
 *
 * @example
 * restoreFullwidthPunctuation('下午,市政協(記者 鄭靜)說:好!', {}) // '下午，市政協（記者 鄭靜）說：好！'
 * restoreFullwidthPunctuation('3,000 people; ChatGPT应用, see http://a.cn/?x=1', {}) // '3,000 people; ChatGPT应用， see http://a.cn/?x=1'
 * restoreFullwidthPunctuation('共享(xiǎng)库,', {}) // '共享(xiǎng)库，'
 */
export function restoreFullwidthPunctuation(text: string, _params: StepParams, changes?: Changes): string {
  const withParentheses = text.replace(PARENTHESISED, (whole: string, inner: string, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + whole.length];
    // A gloss the document kept (會(huì): one syllable that reads the character before it) is
    // written with ASCII parentheses; widening them is no repair, and hides the gloss.
    if (before !== undefined && HAN.test(before) && ONE_SYLLABLE.test(inner) && isReadingOf(before, inner, true)) return whole;
    const chineseInside = HAN.test(inner);
    const chineseAround = isChinese(before) && (after === undefined || after === '\n' || after === '\r' || isChinese(after));
    if (!chineseInside && !chineseAround) return whole;
    changes?.note(offset);
    return `（${inner}）`;
  });
  return withParentheses.replace(SENTENCE_MARKS, (marks: string, offset: number) => {
    const before = withParentheses[offset - 1];
    const after = withParentheses[offset + marks.length];
    if (!isChinese(before) && !isChinese(after)) return marks;
    let widened = '';
    for (let i = 0; i < marks.length; i += 1) {
      changes?.note(offset + i);
      widened += FULLWIDTH[marks[i] as string] as string;
    }
    return widened;
  });
}
registerFixer('restoreFullwidthPunctuation', restoreFullwidthPunctuation);
