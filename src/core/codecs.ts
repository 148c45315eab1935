// Codecs by canonical name. Names are canonicalised as iconv-lite does (lower case, alphanumerics
// only) and looked up in one alias table. Decoding uses the WHATWG TextDecoder where Node has it
// (what browsers did to the text, and about 3x faster than iconv-lite for GBK), and the Encoding
// Standard's steps for Big5 and EUC-KR, which Node decodes otherwise; encoding uses
// iconv-lite. Single-byte codecs use lenient tables of their own: browsers map cp1252's five
// undefined bytes to C1 controls, where iconv-lite loses them (U+FFFD) and Node 20's TextDecoder
// treats the whole 0x80-0x9F range as Latin-1 (nodejs/node#56542).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeBrowserDoubleByte, type BrowserDoubleByte } from './_browser-double-byte.js';

/** Canonical codec names fixnews knows, as they appear in steps and on the command line. */
export type CodecName =
  | 'utf-8' | 'utf-16le' | 'utf-16be'
  | 'gb18030' | 'gbk' | 'big5' | 'shift_jis' | 'euc-jp' | 'euc-kr'
  | 'windows-1252' | 'latin-1' | 'windows-1250' | 'windows-1251' | 'macroman' | 'cp437' | 'koi8-r'
  | 'iso-8859-2' | 'iso-8859-5' | 'iso-8859-7' | 'windows-1253' | 'iso-8859-8' | 'windows-1255' | 'tis-620'
  | 'windows-1254' | 'windows-1257';

const ALIASES: Readonly<Record<string, CodecName>> = {
  utf8: 'utf-8', unicode11utf8: 'utf-8',
  utf16le: 'utf-16le', utf16: 'utf-16le', ucs2: 'utf-16le', utf16be: 'utf-16be',
  gb18030: 'gb18030', gbk: 'gbk', gb2312: 'gbk', cp936: 'gbk', euccn: 'gbk', windows936: 'gbk', hzgb2312: 'gbk',
  big5: 'big5', cp950: 'big5', big5hkscs: 'big5',
  shiftjis: 'shift_jis', sjis: 'shift_jis', cp932: 'shift_jis', windows31j: 'shift_jis',
  eucjp: 'euc-jp', euckr: 'euc-kr', cp949: 'euc-kr', uhc: 'euc-kr',
  windows1252: 'windows-1252', cp1252: 'windows-1252', ascii: 'windows-1252',
  latin1: 'latin-1', iso88591: 'latin-1', l1: 'latin-1',
  windows1250: 'windows-1250', cp1250: 'windows-1250',
  windows1251: 'windows-1251', cp1251: 'windows-1251',
  macroman: 'macroman', macintosh: 'macroman', cp437: 'cp437', ibm437: 'cp437',
  koi8r: 'koi8-r', iso88592: 'iso-8859-2', iso88595: 'iso-8859-5', iso88597: 'iso-8859-7',
  windows1253: 'windows-1253', iso88598: 'iso-8859-8', windows1255: 'windows-1255', tis620: 'tis-620',
  windows1254: 'windows-1254', cp1254: 'windows-1254', windows1257: 'windows-1257', cp1257: 'windows-1257',
};

const SINGLE_BYTE: ReadonlySet<CodecName> = new Set<CodecName>([
  'windows-1252', 'latin-1', 'windows-1250', 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1257',
  'macroman', 'cp437', 'koi8-r', 'iso-8859-2', 'iso-8859-5', 'iso-8859-7', 'iso-8859-8', 'windows-1255', 'tis-620',
]);

export function isSingleByte(codec: CodecName): boolean {
  return SINGLE_BYTE.has(codec);
}

const canonicalNames = new Map<string, CodecName | undefined>();

/**
 * The canonical codec for a user-given or detector-given name, or `undefined` if unknown.
 *
 * @example
 * canonicalCodec('CP936') // 'gbk'
 */
export function canonicalCodec(name: string): CodecName | undefined {
  // The engine decodes candidates by name millions of times: each name is normalised once.
  let codec = canonicalNames.get(name);
  if (codec === undefined && !canonicalNames.has(name)) {
    codec = ALIASES[name.toLowerCase().replace(/[^0-9a-z]/g, '')];
    canonicalNames.set(name, codec);
  }
  return codec;
}

// TextDecoder labels for the codecs it decodes the way browsers do. Big5, EUC-KR and Shift_JIS
// it does not (see _browser-double-byte.ts), nor GBK under its own label: Node's `gbk` drops a
// lone FF without a mark and reads A2 E3 as a private-use character, where the Encoding
// Standard's GBK decoder is its GB18030 one (A2 E3 is €).
const WHATWG_LABEL: Partial<Record<CodecName, string>> = {
  'utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', gb18030: 'gb18030', gbk: 'gb18030',
  'euc-jp': 'euc-jp',
};
const isBrowserDoubleByte = (codec: CodecName): codec is BrowserDoubleByte => codec === 'big5' || codec === 'euc-kr' || codec === 'shift_jis';

const byteTables = new Map<CodecName, readonly string[]>();

/**
 * The 256 characters of a single-byte codec, derived from iconv-lite's table. Bytes the codec
 * leaves undefined decode to the code point of the same number, as browsers do for cp1252, so no
 * byte is ever lost (ftfy calls such codecs "sloppy").
 */
export function byteTable(codec: CodecName): readonly string[] {
  let table = byteTables.get(codec);
  if (!table) {
    const iconvName = codec === 'latin-1' ? 'latin1' : codec;
    // One byte is one character in these codecs: the whole table decodes in one call.
    const decoded = Array.from(iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), iconvName));
    table = decoded.map((char, byte) => (char === '\uFFFD' ? String.fromCharCode(byte) : char));
    byteTables.set(codec, table);
  }
  return table;
}

const undefinedByteLists = new Map<CodecName, readonly number[]>();

/**
 * The bytes 0x80-0xFF a single-byte codec leaves undefined: a strict decoder writes U+FFFD for
 * them (iconv-lite does, and Python with errors='replace'), where byteTable keeps them.
 */
export function undefinedBytes(codec: CodecName): readonly number[] {
  let bytes = undefinedByteLists.get(codec);
  if (!bytes) {
    const iconvName = codec === 'latin-1' ? 'latin1' : codec;
    bytes = Array.from({ length: 0x80 }, (_, i) => 0x80 + i).filter((byte) => iconv.decode(Buffer.of(byte), iconvName) === '\uFFFD');
    undefinedByteLists.set(codec, bytes);
  }
  return bytes;
}

/** Big5's lead bytes before A1 hold the Hong Kong characters, some of which have a code from A1 on too. */
const BIG5_STANDARD_LEAD = 0xa1;

/**
 * For a multi-byte codec, every character its browser decoder makes of one byte (0x80-0xFF) or
 * two (lead 0x81-0xFE, trail 0x40-0xFE), mapped back to those bytes: the exact inverse of the
 * decoder that damaged the text (iconv-lite's encoders choose other codes for some). All codes
 * are decoded in one call, each followed by a newline.
 */
function multiByteReverse(codec: CodecName): { reverse: Map<string, Uint8Array>; others: Map<string, Uint8Array> } {
  if (!WHATWG_LABEL[codec] && !isBrowserDoubleByte(codec)) throw new RangeError(`no multi-byte table for ${codec}`);
  const codes: number[][] = [];
  for (let byte = 0x80; byte <= 0xff; byte += 1) codes.push([byte]);
  // A character with two codes is written with the first; in Big5 with the one from lead A1 on,
  // as the Encoding Standard's encoder does: Big5 text holds that one.
  const leads: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead += 1) leads.push(lead);
  if (codec === 'big5') leads.sort((a, b) => Number(a < BIG5_STANDARD_LEAD) - Number(b < BIG5_STANDARD_LEAD) || a - b);
  for (const lead of leads) for (let trail = 0x40; trail <= 0xfe; trail += 1) codes.push([lead, trail]);
  const buffer = new Uint8Array(codes.reduce((n, code) => n + code.length + 1, 0));
  let at = 0;
  for (const code of codes) {
    buffer.set(code, at);
    buffer[at + code.length] = 0x0a;
    at += code.length + 1;
  }
  const reverse = new Map<string, Uint8Array>();
  const others = new Map<string, Uint8Array>();
  // Text read as GBK was read by a browser or by Node's `gbk`, which makes private-use characters
  // of codes GB18030-2022 reads as ︐ (A6 D9) or ⺁ (FE 50): both readings are known.
  const readings = [decodeWith(buffer, codec), ...(codec === 'gbk' ? [textDecoder('gbk').decode(buffer)] : [])];
  for (const reading of readings) {
    const decoded = reading.split('\n');
    codes.forEach((code, i) => {
      const char = decoded[i] as string;
      // One character, not a rejection; the first code wins, as encoders choose the first.
      if (char.length === 0 || [...char].length !== 1 || char === '\uFFFD') return;
      const first = reverse.get(char);
      if (!first) reverse.set(char, Uint8Array.from(code));
      else if (!others.has(char) && first.join() !== code.join()) others.set(char, Uint8Array.from(code));
    });
  }
  return { reverse, others };
}

type CharEncoder = (char: string) => Uint8Array | null;
const encoders = new Map<CodecName, CharEncoder>();
const otherCodes = new Map<CodecName, ReadonlyMap<string, Uint8Array>>();

/**
 * The other code a decoder reads `char` from, where it reads one character from two codes and
 * charEncoder gives the first (€ is 80 and, in a browser's GBK, A2 E3), or `null`.
 */
export function otherCode(codec: CodecName, char: string): Uint8Array | null {
  if (isSingleByte(codec)) return null;
  charEncoder(codec);
  return otherCodes.get(codec)?.get(char) ?? null;
}

/**
 * Encode one character (one code point) with a codec as the decoder that damaged the text would
 * have produced it, or `null` if the codec cannot. Results are cached per character.
 */
export function charEncoder(codec: CodecName): CharEncoder {
  let encoder = encoders.get(codec);
  if (encoder) return encoder;
  const cache = new Map<string, Uint8Array | null>();
  let compute: CharEncoder;
  if (isSingleByte(codec)) {
    const reverse = new Map<string, Uint8Array>();
    byteTable(codec).forEach((char, byte) => reverse.set(char, Uint8Array.of(byte)));
    compute = (char) => reverse.get(char) ?? null;
  } else {
    const { reverse, others } = multiByteReverse(codec);
    otherCodes.set(codec, others);
    // Four-byte GB18030 characters are not in the two-byte table; iconv-lite encodes them.
    const fallback = codec === 'gbk' || codec === 'gb18030' ? 'gb18030' : null;
    compute = (char) => {
      if (char.charCodeAt(0) < 0x80) return Uint8Array.of(char.charCodeAt(0));
      const bytes = reverse.get(char);
      if (bytes) return bytes;
      if (!fallback) return null;
      const encoded = iconv.encode(char, fallback);
      return encoded.length === 1 && encoded[0] === 0x3f ? null : encoded;
    };
  }
  // Characters of the Basic Multilingual Plane are cached by code unit: the engine encodes every
  // character of a suspect line under each hypothesis.
  const bmp: (Uint8Array | null | undefined)[] = new Array(0x10000);
  encoder = (char) => {
    const cached = char.length === 1 ? bmp : null;
    let bytes = cached ? cached[char.charCodeAt(0)] : cache.get(char);
    if (bytes === undefined) {
      bytes = compute(char);
      if (cached) cached[char.charCodeAt(0)] = bytes;
      else cache.set(char, bytes);
    }
    return bytes;
  };
  encoders.set(codec, encoder);
  return encoder;
}

// Node's EUC-JP passes bytes 80-8D and 90-9F through as C1 controls, which the Encoding
// Standard rejects (no code of EUC-JP makes one).
const C1_CONTROLS = /[\u0080-\u009F]/g;
const C1_CONTROL = /[\u0080-\u009F]/;

/**
 * Decode bytes with a codec as browsers do (the Encoding Standard's decoders); bytes the codec
 * cannot decode become U+FFFD.
 * Throws `RangeError` for a name it does not know.
 */
export function decodeWith(bytes: Uint8Array, name: string): string {
  const codec = canonicalCodec(name);
  if (!codec) throw new RangeError(`unknown encoding: ${name}`);
  const label = WHATWG_LABEL[codec];
  if (label) {
    const text = textDecoder(label).decode(bytes);
    return codec === 'euc-jp' ? text.replace(C1_CONTROLS, '\uFFFD') : text;
  }
  if (isBrowserDoubleByte(codec)) return decodeBrowserDoubleByte(bytes, codec).text;
  if (codec === 'latin-1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // The codecs without a TextDecoder label are single-byte.
  const table = byteTable(codec);
  let text = '';
  for (const byte of bytes) text += table[byte];
  return text;
}

/**
 * A document's bytes decoded with a codec as browsers decode them, and whether the codec rejected
 * any (each rejection leaves U+FFFD).
 */
export function decodeDocument(bytes: Uint8Array, name: string): { text: string; lossy: boolean } {
  const text = decodeWith(bytes, name);
  return { text, lossy: text.includes('\uFFFD') && !decodesCleanly(bytes, name) };
}

const PRIVATE_USE = /[\uE000-\uF8FF]/;
/** 80, € or U+0080 in browsers and Microsoft's code pages, in none of the standards. */
const STRICT_REJECTED_BYTE = 0x80;
const strictRejections = new Map<CodecName, (readonly number[] | undefined)[]>();

/**
 * The bytes a strict decoder (Python's, with errors='replace') rejects alone before the non-ASCII
 * byte `next`, which it then reads again, where a browser reads a character with it or rejects
 * the two together: 80 (the € and U+0080 browsers and Microsoft's code pages read there), and
 * each lead byte whose pair with `next` its table lacks (STRICT_REJECTS). Before an ASCII byte
 * both reject a lead byte; 80 is left out there, as browsers read it (at a line's end it would
 * make U+3000 of what 。 lost through GBK).
 */
export function strictRejectsBefore(codec: CodecName, next: number | undefined): readonly number[] {
  const rejects = STRICT_REJECTS[codec];
  if (next === undefined || next < 0x80 || !rejects) return [];
  let byNext = strictRejections.get(codec);
  if (!byNext) strictRejections.set(codec, (byNext = []));
  let rejected = byNext[next];
  if (!rejected) {
    const found = [STRICT_REJECTED_BYTE];
    for (let lead = 0x81; lead <= 0xfe; lead += 1) if (rejects(lead, next)) found.push(lead);
    rejected = byNext[next] = found;
  }
  return rejected;
}

/**
 * Whether a strict decoder (Python's) reads `bytes`, one character's code in a multi-byte codec,
 * as a browser does: not 80 (€ or U+0080 in browsers), nor a pair its table lacks.
 */
export function strictlyReadable(codec: CodecName, bytes: Uint8Array): boolean {
  const rejects = STRICT_REJECTS[codec];
  if (!rejects) return true;
  if (bytes.length === 1) return bytes[0] !== STRICT_REJECTED_BYTE;
  return bytes.length !== 2 || !rejects(bytes[0] as number, bytes[1] as number);
}

/** Whether a browser reads the pair `lead`, `trail` as one character. */
const browserReads = (codec: CodecName, lead: number, trail: number): boolean => {
  const char = decodeWith(Uint8Array.of(lead, trail), codec);
  return char !== '\uFFFD' && [...char].length === 1;
};
/** Whether GBK leaves a code unassigned: Node's `gbk` reads it as a private-use character (the user-defined areas, and codes GB18030 filled later). */
const gbkUnassigned = (lead: number, trail: number): boolean => PRIVATE_USE.test(textDecoder('gbk').decode(Uint8Array.of(lead, trail)));
/** Big5 as Unicode's BIG5.TXT has it, with ETEN's kana and Cyrillic rows (C6A1-C7FC): Python's `big5`. */
const BIG5_STANDARD_RANGES: readonly (readonly [number, number])[] = [
  [0xa140, 0xa3bf],
  [0xa440, 0xc7fc],
  [0xc940, 0xf9d5],
];
/** Microsoft's additions to Shift_JIS (NEC's row 13, IBM's characters twice), which JIS X 0208 and Python's `shift_jis` lack. */
const MICROSOFT_SHIFT_JIS_RANGES: readonly (readonly [number, number])[] = [
  [0x8740, 0x879c],
  [0xed40, 0xeefc],
  [0xfa40, 0xfc4b],
];
/** KS X 1001's code of the Hangul filler, which Python's `euc_kr` reads only as the start of an eight-byte syllable. */
const KS_X_1001_FILLER = 0xa4d4;
/**
 * Whether a strict decoder rejects `lead` alone before the non-ASCII `trail` (facts about Python's
 * tables): `gbk` at the codes GBK leaves unassigned; `shift_jis` where a browser rejects the pair,
 * at Microsoft's additions and in the user-defined area (private use in browsers);
 * `big5` beyond the standard's codes (no Hong Kong codes); `euc_kr` beyond KS X 1001 (both bytes
 * A1-FE), whose extensions in code page 949 browsers read.
 */
const STRICT_REJECTS: Partial<Record<CodecName, (lead: number, trail: number) => boolean>> = {
  gbk: gbkUnassigned,
  gb18030: gbkUnassigned,
  shift_jis: (lead, trail) => {
    const code = (lead << 8) | trail;
    const char = decodeWith(Uint8Array.of(lead, trail), 'shift_jis');
    return MICROSOFT_SHIFT_JIS_RANGES.some(([from, to]) => code >= from && code <= to) || char === '\uFFFD' || PRIVATE_USE.test(char);
  },
  big5: (lead, trail) => {
    const code = (lead << 8) | trail;
    return !BIG5_STANDARD_RANGES.some(([from, to]) => code >= from && code <= to) || !browserReads('big5', lead, trail);
  },
  'euc-kr': (lead, trail) => lead < 0xa1 || trail < 0xa1 || ((lead << 8) | trail) === KS_X_1001_FILLER || !browserReads('euc-kr', lead, trail),
};

const textDecoders = new Map<string, InstanceType<typeof TextDecoder>>();

/** A replacing decoder, made once per label: making one costs more than decoding a short text. */
function textDecoder(label: string): InstanceType<typeof TextDecoder> {
  let decoder = textDecoders.get(label);
  if (!decoder) {
    // ignoreBOM keeps a byte-order mark as U+FEFF: decoding never drops input silently.
    decoder = new TextDecoder(label, { ignoreBOM: true });
    textDecoders.set(label, decoder);
  }
  return decoder;
}

const replacements = new Map<CodecName, Buffer | null>();

/**
 * How a codec spells U+FFFD itself, if it can: such bytes are not bytes a decoder rejected.
 * Asked for every failed candidate decoding, so kept per codec.
 */
export function replacementBytes(codec: CodecName): Buffer | null {
  let spelled = replacements.get(codec);
  if (spelled === undefined) {
    if (codec === 'utf-8') spelled = Buffer.from('\uFFFD', 'utf8');
    else if (codec === 'utf-16le') spelled = Buffer.from('\uFFFD', 'utf16le');
    else if (codec === 'utf-16be') spelled = Buffer.of(0xff, 0xfd);
    else {
      const bytes = charEncoder(codec)('\uFFFD');
      spelled = bytes && Buffer.from(bytes);
    }
    replacements.set(codec, spelled);
  }
  return spelled;
}

/** Whether decoding `bytes` with `name` would lose nothing (no byte rejected by the codec). */
export function decodesCleanly(bytes: Uint8Array, name: string): boolean {
  const codec = canonicalCodec(name) ?? 'utf-8';
  // Node's own validator is many times faster than a fatal decoder.
  if (codec === 'utf-8') return isUtf8(bytes);
  if (isBrowserDoubleByte(codec)) return decodeBrowserDoubleByte(bytes, codec).errors === 0;
  const label = WHATWG_LABEL[codec];
  if (!label) return true;
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
    return codec !== 'euc-jp' || !C1_CONTROL.test(text);
  } catch {
    return false;
  }
}
