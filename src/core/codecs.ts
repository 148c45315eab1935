// Codecs by canonical name. Names are canonicalised as iconv-lite does (lower case, alphanumerics
// only) and looked up in one alias table. Decoding uses the WHATWG TextDecoder where Node has it
// (what browsers did to the text, and about 3x faster than iconv-lite for GBK); encoding uses
// iconv-lite. cp1252 has a lenient table of its own: browsers map its five undefined bytes to C1
// controls, where iconv-lite loses them (U+FFFD) and Node 20's TextDecoder treats the whole
// 0x80-0x9F range as Latin-1 (nodejs/node#56542).
import iconv from 'iconv-lite';

/** Canonical codec names fixnews knows, as they appear in steps and on the command line. */
export type CodecName =
  | 'utf-8' | 'utf-16le' | 'utf-16be'
  | 'gb18030' | 'gbk' | 'big5' | 'shift_jis' | 'euc-jp' | 'euc-kr'
  | 'windows-1252' | 'latin-1' | 'windows-1250' | 'windows-1251' | 'macroman' | 'cp437' | 'koi8-r'
  | 'iso-8859-2' | 'iso-8859-5' | 'iso-8859-7' | 'windows-1253' | 'iso-8859-8' | 'windows-1255' | 'tis-620';

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
};

/**
 * The canonical codec for a user-given or detector-given name, or `undefined` if unknown.
 *
 * @example
 * canonicalCodec('CP936') // 'gbk'
 */
export function canonicalCodec(name: string): CodecName | undefined {
  return ALIASES[name.toLowerCase().replace(/[^0-9a-z]/g, '')];
}

// TextDecoder labels for the codecs it decodes the way browsers do.
const WHATWG_LABEL: Partial<Record<CodecName, string>> = {
  'utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', gb18030: 'gb18030', gbk: 'gbk',
  big5: 'big5', shift_jis: 'shift_jis', 'euc-jp': 'euc-jp', 'euc-kr': 'euc-kr',
};

let cp1252Table: string[] | undefined;

/** The 256 characters of cp1252 as browsers decode it, derived from iconv-lite's table. */
function cp1252(): string[] {
  if (!cp1252Table) {
    cp1252Table = Array.from({ length: 256 }, (_, byte) => {
      const decoded = iconv.decode(Buffer.of(byte), 'cp1252');
      return decoded === '\uFFFD' ? String.fromCharCode(byte) : decoded;
    });
  }
  return cp1252Table;
}

/**
 * Decode bytes with a codec; bytes the codec cannot decode become U+FFFD.
 * Throws `RangeError` for a name it does not know.
 */
export function decodeWith(bytes: Uint8Array, name: string): string {
  const codec = canonicalCodec(name);
  if (!codec) throw new RangeError(`unknown encoding: ${name}`);
  const label = WHATWG_LABEL[codec];
  // ignoreBOM keeps a byte-order mark as U+FEFF: decoding never drops input silently.
  if (label) return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
  if (codec === 'windows-1252') {
    const table = cp1252();
    let text = '';
    for (const byte of bytes) text += table[byte];
    return text;
  }
  if (codec === 'latin-1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec);
}

/** Whether decoding `bytes` with `name` would lose nothing (no byte rejected by the codec). */
export function decodesCleanly(bytes: Uint8Array, name: string): boolean {
  const label = WHATWG_LABEL[canonicalCodec(name) ?? 'utf-8'];
  if (!label) return true;
  try {
    new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
