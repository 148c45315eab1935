// C1 control characters (U+0080-U+009F) in text: what a Latin-1 decoder makes of the bytes that
// cp1252 uses for quotation marks, dashes, the euro sign and the like. Nobody writes C1 controls
// on purpose, so each one that cp1252 defines becomes that character (ftfy's fix_c1_controls).
// The five bytes cp1252 leaves undefined (81 8D 8F 90 9D) stay: there is nothing to restore.
// Between two Chinese characters a C1 control is no cp1252 sign but the remnant of a broken UTF-8
// character (a continuation byte, the others lost; the LibreOffice help holds such): it is
// marked as a lost character. This runs after the encoding engine, which needs C1 characters to
// recognise UTF-8 mojibake.
import { byteTable } from '../codecs.js';
import { Changes, registerFixer, type StepParams } from '../plan.js';
import { isChinese } from '../_naturalness.js';
import { LOST } from './mark.js';

const C1 = /[\u0080-\u009F]/g;

/** Whether the C1 control at `offset` stands between two Chinese characters. */
function betweenChinese(text: string, offset: number): boolean {
  const before = text.codePointAt(offset - 1 - (text.charCodeAt(offset - 1) >= 0xdc00 && text.charCodeAt(offset - 1) < 0xe000 ? 1 : 0));
  const after = text.codePointAt(offset + 1);
  return before !== undefined && after !== undefined && isChinese(String.fromCodePoint(before)) && isChinese(String.fromCodePoint(after));
}

/** Whether a text holds a C1 control that cp1252 defines, or one between Chinese characters. */
export function hasC1ToFix(text: string): boolean {
  const table = byteTable('windows-1252');
  for (const match of text.matchAll(C1)) if (table[match[0].charCodeAt(0)] !== match[0] || betweenChinese(text, match.index)) return true;
  return false;
}

/**
 * Replace C1 controls by the cp1252 characters of the same byte; mark those between Chinese
 * characters as lost.
 *
 * @example
 * fixC1Controls('\u0084Handwerk\u0093 \u0081', {}) // '„Handwerk“ \u0081'
 * fixC1Controls('帶有\u0089密碼', {}) // '帶有\uFFFD密碼'
 */
export function fixC1Controls(text: string, _params: StepParams, changes?: Changes): string {
  const table = byteTable('windows-1252');
  return text.replace(C1, (control: string, offset: number) => {
    const char = betweenChinese(text, offset) ? LOST : (table[control.charCodeAt(0)] as string);
    if (char !== control) changes?.note(offset);
    return char;
  });
}
registerFixer('fixC1Controls', fixC1Controls);
