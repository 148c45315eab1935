// Damage generators shared by the engine benchmark and the property tests: each takes clean text
// and returns what a known faulty pipeline makes of it, or null when the damage would be lossy
// (bytes the wrong decoder rejects), so that "repair(damage(x)) === x" is a fair expectation.
import iconv from 'iconv-lite';
import { pinyin } from 'pinyin-pro';
import { decodeWith } from '../dist/index.js';
import { strictlyReadable } from '../dist/core/codecs.js';

// With the decoders the repair engine reads damage by (GBK, Big5, EUC-KR and Shift_JIS as
// browsers decode them: Node's TextDecoder reads them otherwise). None of the texts damaged here
// spells U+FFFD itself.
function decodeOrNull(bytes, encoding) {
  const text = decodeWith(bytes, encoding);
  return text.includes('\uFFFD') ? null : text;
}

function encodeOrNull(text, codec) {
  const bytes = iconv.encode(text, codec);
  // iconv-lite writes '?' for what it cannot encode.
  return iconv.decode(bytes, codec) === text ? bytes : null;
}

// cp1252 as browsers decode it: undefined bytes become C1 controls.
function decodeCp1252(bytes) {
  let out = '';
  for (const byte of bytes) {
    const char = iconv.decode(Buffer.of(byte), 'cp1252');
    out += char === '\uFFFD' ? String.fromCharCode(byte) : char;
  }
  return out;
}

/**
 * Bytes read as Python reads them with errors='replace' (a data pipeline's usual mistake) through
 * `codec` (gbk, big5, shift_jis or euc-kr): a character where its table has the pair (as
 * codecs.ts strictlyReadable says: no character at 80, nor at the codes GBK leaves unassigned, nor
 * Big5's Hong Kong codes, nor EUC-KR beyond KS X 1001), read as Node's gbk or a browser reads it
 * (Python reads a few Big5 and Shift_JIS codes as other characters); otherwise one U+FFFD for the
 * byte, and the byte after it is read again.
 */
export function decodeLikePython(bytes, codec) {
  const node = new TextDecoder('gbk');
  const read = (code) => (codec === 'gbk' ? node.decode(code) : decodeWith(code, codec));
  let out = '';
  for (let at = 0; at < bytes.length; at += 1) {
    const byte = bytes[at];
    if (byte < 0x80) {
      out += String.fromCharCode(byte);
      continue;
    }
    // Shift_JIS's half-width katakana are single bytes.
    const single = codec === 'shift_jis' && byte >= 0xa1 && byte <= 0xdf;
    const code = single ? Uint8Array.of(byte) : bytes.subarray(at, at + 2);
    const char = code.length === (single ? 1 : 2) ? read(code) : '\uFFFD';
    if ([...char].length === 1 && char !== '\uFFFD' && strictlyReadable(codec, code)) {
      out += char;
      at += code.length - 1;
    } else out += '\uFFFD';
  }
  return out;
}

/** name -> (text) => damaged text or null */
export const DAMAGES = {
  'utf-8 as gbk': (text) => decodeOrNull(Buffer.from(text), 'gbk'),
  'utf-8 as big5': (text) => decodeOrNull(Buffer.from(text), 'big5'),
  'utf-8 as shift_jis': (text) => decodeOrNull(Buffer.from(text), 'shift_jis'),
  'utf-8 as euc-kr': (text) => decodeOrNull(Buffer.from(text), 'euc-kr'),
  'utf-8 as cp1252': (text) => decodeCp1252(Buffer.from(text)),
  'utf-8 as latin-1': (text) => Buffer.from(text).toString('latin1'),
  'gbk as latin-1': (text) => encodeOrNull(text, 'gbk')?.toString('latin1') ?? null,
  'gbk as cp1252': (text) => {
    const bytes = encodeOrNull(text, 'gbk');
    return bytes && decodeCp1252(bytes);
  },
  'big5 as latin-1': (text) => encodeOrNull(text, 'cp950')?.toString('latin1') ?? null,
  'gbk as big5': (text) => {
    const bytes = encodeOrNull(text, 'gbk');
    return bytes && decodeOrNull(bytes, 'big5');
  },
  'big5 as gbk': (text) => {
    const bytes = encodeOrNull(text, 'cp950');
    return bytes && decodeOrNull(bytes, 'gbk');
  },
};

/** The same damage applied `layers` times (each layer must be lossless). */
export function layered(damage, layers) {
  return (text) => {
    let out = text;
    for (let i = 0; i < layers && out !== null; i += 1) out = damage(out);
    return out;
  };
}

// Full-width punctuation codes in GBK (A3xx) and the ASCII they were flattened to.
const FLATTENED_CODES = new Map([[0xa1, 0x21], [0xac, 0x2c], [0xa8, 0x28], [0xa9, 0x29], [0xba, 0x3a], [0xbb, 0x3b], [0xbf, 0x3f]]);

/**
 * What the seed article's pipeline did: full-width punctuation replaced by ASCII on the raw GBK
 * bytes, wherever the byte pattern A3xx occurs, even across two characters (the trail byte of one
 * and the lead byte of the next); then decoded by a GBK decoder that writes ? for a lead byte
 * without a valid trail (re-reading an ASCII trail, swallowing a digit). Null when the text is not
 * GBK or nothing happened out of step. With `decoder` 'replacing', decoded as browsers decode GBK
 * instead: U+FFFD for a lead byte without a valid trail, an ASCII byte after it re-read; with
 * 'python', as Python's gbk does (decodeLikePython: an unassigned code loses its lead byte
 * alone, which puts the rest back in step).
 */
export function gbkBytePunctuationDamage(text, decoder = 'swallowing') {
  const bytes = encodeOrNull(text, 'gbk');
  if (!bytes) return null;
  const edited = [];
  let misaligned = false;
  let inCharacter = false; // the previous byte was a lead byte of the real text
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    const ascii = byte === 0xa3 ? FLATTENED_CODES.get(bytes[i + 1]) : undefined;
    if (ascii !== undefined) {
      if (inCharacter) misaligned = true;
      edited.push(ascii);
      i += 1;
      inCharacter = false;
      continue;
    }
    edited.push(byte);
    inCharacter = !inCharacter && byte >= 0x81;
  }
  if (!misaligned) return null;
  return decoder === 'replacing' ? decodeWith(Uint8Array.from(edited), 'gbk') : decoder === 'python' ? decodeLikePython(Uint8Array.from(edited), 'gbk') : decodeOutOfStep(edited, (byte) => byte >= 0x30 && byte <= 0x39);
}

/**
 * Decode GBK bytes as the seed's pipeline did: ? for a lead byte without a valid trail, the ASCII
 * byte after it re-read, or swallowed when `swallows(byte)`.
 */
function decodeOutOfStep(bytes, swallows) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte < 0x80) {
      out += String.fromCharCode(byte);
      continue;
    }
    const trail = bytes[i + 1];
    if (trail !== undefined && trail >= 0x40 && trail !== 0x7f && trail !== 0xff) {
      out += decodeOrNull(Uint8Array.of(byte, trail), 'gbk') ?? '?';
      i += 1;
    } else if (trail !== undefined && swallows(trail)) {
      out += '?';
      i += 1;
    } else {
      out += '?';
    }
  }
  return out;
}

const HAN = /\p{Script=Han}/u;

/**
 * The seed article's other byte damage: Traditional text with a pinyin gloss after every third
 * Han character (`數(shù)`), where one gloss, in the middle of the paragraph, was inserted one
 * byte late, between the two bytes of the next character; decoded as above, with the ( of a gloss
 * swallowed by a lead byte left without its trail. The repair should give the text back without
 * its glosses. Null when the text is not GBK or has too few Han characters. With `decoder`
 * 'replacing', decoded as browsers decode GBK (U+FFFD, and the ( re-read); 'python', as Python's
 * gbk does.
 */
export function glossInsideCharacterDamage(text, decoder = 'swallowing') {
  const chars = Array.from(text);
  const glossed = chars.map((char, i) => HAN.test(char) && i % 3 === 1);
  const candidates = glossed.flatMap((yes, i) => (yes && HAN.test(chars[i + 1] ?? '') ? [i] : []));
  if (candidates.length < 3) return null;
  const moved = candidates[Math.floor(candidates.length / 2)];
  const parts = [];
  for (const [i, char] of chars.entries()) {
    const bytes = encodeOrNull(char, 'gbk');
    if (!bytes) return null;
    const gloss = glossed[i] ? encodeOrNull(`(${pinyin(char)})`, 'gbk') : null;
    if (glossed[i] && !gloss) return null;
    if (i === moved + 1) parts.push(bytes.subarray(0, 1), parts.pop(), bytes.subarray(1));
    else parts.push(bytes);
    if (gloss) parts.push(gloss);
  }
  const bytes = Buffer.concat(parts);
  return decoder === 'replacing' ? decodeWith(bytes, 'gbk') : decoder === 'python' ? decodeLikePython(bytes, 'gbk') : decodeOutOfStep(bytes, (byte) => (byte >= 0x30 && byte <= 0x39) || byte === 0x28);
}

const COMMON = [...'的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可'];
const SYLLABLES = ['shù', 'jǐn', 'guó', 'rén', 'zhōng', 'de', 'shì', 'bù'];

/**
 * The n-th of a series of different lines crafted to make the misalignment search work hardest:
 * eight marks, each followed by a gloss fragment, after a common character (every one a
 * character both of whose bytes are guessed). No line repeats, so no window is read from memory.
 */
export function craftedGlossMarksLine(n) {
  return Array.from({ length: 8 }, (_, k) => `${COMMON[(n * 7 + k * 3) % COMMON.length]}?${SYLLABLES[(n + k) % SYLLABLES.length]})?${SYLLABLES[(n * 3 + k) % SYLLABLES.length]})`).join('') + '。';
}

/** Edit distance in code points, for measuring how far a repair is from the original. */
export function editDistance(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= y.length; j += 1) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length];
}
