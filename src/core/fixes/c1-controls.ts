// C1 control characters (U+0080-U+009F) in text: what a Latin-1 decoder makes of the bytes that
// cp1252 uses for quotation marks, dashes, the euro sign and the like. Nobody writes C1 controls
// on purpose, so each one that cp1252 defines becomes that character (ftfy's fix_c1_controls).
// The five bytes cp1252 leaves undefined (81 8D 8F 90 9D) stay: there is nothing to restore.
// This runs after the encoding engine, which needs C1 characters to recognise UTF-8 mojibake.
import { byteTable } from '../codecs.js';
import { Changes, registerFixer, type StepParams } from '../plan.js';

const C1 = /[\u0080-\u009F]/g;

/** Whether a text holds a C1 control that cp1252 defines. */
export function hasDefinedC1(text: string): boolean {
  const table = byteTable('windows-1252');
  for (const match of text.matchAll(C1)) if (table[match[0].charCodeAt(0)] !== match[0]) return true;
  return false;
}

/**
 * Replace C1 controls by the cp1252 characters of the same byte.
 *
 * @example
 * fixC1Controls('\u0084Handwerk\u0093 \u0081', {}) // '„Handwerk“ \u0081'
 */
export function fixC1Controls(text: string, _params: StepParams, changes?: Changes): string {
  const table = byteTable('windows-1252');
  return text.replace(C1, (control: string, offset: number) => {
    const char = table[control.charCodeAt(0)] as string;
    if (char !== control) changes?.note(offset);
    return char;
  });
}
registerFixer('fixC1Controls', fixC1Controls);
