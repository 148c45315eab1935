// What HTML leaves in plain text: entities (&nbsp; &amp; &#x4e2d;), zero-width characters, a
// byte-order mark in mid-text, and no-break spaces between Chinese characters. Entities are
// decoded as ftfy does: only complete ones (with the semicolon), and never on a line that contains
// markup (`<`), where they may be meant literally; nor anywhere in a document that holds a tag:
// HTML source is meant to be rendered, and its entities are its own (`&lt;` in a <pre> block).
import type { decodeHTMLStrict as DecodeHTMLStrict } from 'entities';
import { Changes, registerFixer, type StepParams } from '../plan.js';
import { lazy, requireModule } from '../_lazy.js';
import { isChinese } from '../_naturalness.js';
import { LEADS_OF_A0 } from './mojibake.js';

const decodeHTMLStrict = lazy(() => (requireModule('entities') as { decodeHTMLStrict: typeof DecodeHTMLStrict }).decodeHTMLStrict);

// One pattern, so that offsets refer to the text as received: an entity, or a character that is
// debris in some places (checked where it is found; a lookbehind tried at every position would
// be several times slower): a zero-width space or word joiner (meaningful only in lines of scripts
// written without spaces: Thai, Khmer, Myanmar ...); a BOM after the
// start (only meaningful there); a zero-width (non-)joiner between Han (they matter in emoji and
// some scripts, never between Han); a no-break space next to Chinese characters or punctuation.
const DEBRIS = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|[\u200B\u2060\uFEFF\u200C\u200D\u00A0]/g;

/** An HTML tag or declaration: `<p>`, `</div>`, `<br/>`, `<!--`, `<!DOCTYPE` (not `a < b`). */
const TAG = /<(?:\/?[A-Za-z][A-Za-z0-9-]*[\s/>]|!--|!DOCTYPE\b)/i;

const HAN = /\p{Script=Han}/u;
// Scripts written without spaces between words, where a zero-width space marks where a word ends
// (for line breaking and search): text, not debris, in a line written in them.
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Tai_Tham}\p{Script=New_Tai_Lue}\p{Script=Javanese}\p{Script=Balinese}]/u;

/** The code point before `offset` and the one at `offset`, as strings (empty at the ends). */
function neighbours(text: string, offset: number, length: number): [string, string] {
  const last = text.charCodeAt(offset - 1);
  const before = last >= 0xdc00 && last < 0xe000 && offset >= 2 ? text.slice(offset - 2, offset) : text.slice(offset - 1, offset);
  const next = text.codePointAt(offset + length);
  return [before, next === undefined ? '' : String.fromCodePoint(next)];
}

function isDebris(found: string, text: string, offset: number, lineUnspaced: boolean): boolean {
  if (found === '\u200B' || found === '\u2060') return !lineUnspaced;
  if (found === '\uFEFF') return offset > 0;
  const [before, after] = neighbours(text, offset, found.length);
  // After Â or Ã (UTF-8 C2, C3 read as cp1252; Ă, В, Г through other codecs) a no-break space
  // may be byte A0 of mojibake, of à or of a no-break space: the encoding repair reads it, and a
  // later round sees what it made.
  if (found === '\u00A0') return !LEADS_OF_A0().has(before) && (isChinese(before) || isChinese(after));
  return HAN.test(before) && HAN.test(after);
}

/**
 * Decode complete HTML entities outside markup, drop zero-width characters and stray BOMs, and
 * turn no-break spaces next to Chinese characters into plain spaces.
 *
 * @example
 * removeWebDebris('中&#x6587;\u200B&amp;&nbsp;新聞', {}) // '中文& 新聞'
 * removeWebDebris('<p>&amp;</p>', {}) // '<p>&amp;</p>'
 * removeWebDebris('<pre>\na &lt; b\n</pre>', {}) // '<pre>\na &lt; b\n</pre>'
 */
export function removeWebDebris(text: string, _params: StepParams, changes?: Changes): string {
  const isHtmlSource = TAG.test(text);
  // Matches come in order, so the line of each is found by walking forward once.
  let lineEnd = -1;
  let lineHasMarkup = false;
  let lineUnspaced = false;
  return text.replace(DEBRIS, (found: string, offset: number) => {
    if (offset > lineEnd) {
      const lineStart = text.lastIndexOf('\n', offset) + 1;
      lineEnd = text.indexOf('\n', offset);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      lineHasMarkup = line.includes('<');
      lineUnspaced = UNSPACED.test(line);
    }
    let replacement: string;
    if (found[0] === '&') {
      if (lineHasMarkup || isHtmlSource) return found;
      replacement = decodeHTMLStrict()(found);
      if (replacement === found) return found;
      // &nbsp; next to Chinese is a plain space, as a literal no-break space there would be.
      if (replacement === '\u00A0' && neighbours(text, offset, found.length).some(isChinese)) {
        replacement = ' ';
      }
    } else {
      if (!isDebris(found, text, offset, lineUnspaced)) return found;
      replacement = found === '\u00A0' ? ' ' : '';
    }
    changes?.note(offset);
    return replacement;
  });
}
registerFixer('removeWebDebris', removeWebDebris);
