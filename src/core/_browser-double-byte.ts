// Big5, EUC-KR and Shift_JIS as browsers decode them (the WHATWG Encoding Standard): Big5 with
// the Hong Kong characters (HKSCS: 嘅 is FB 48), EUC-KR as Windows code page 949. Node 20's
// TextDecoder reads them otherwise: it gives HKSCS codes private-use characters, reads no EUC-KR
// code beyond KS X 1001 (81 41 is 갂 in browsers), drops bytes silently (a lone 80; 81 and the
// ASCII byte after it in Big5; C9 A1 in EUC-KR), and in Shift_JIS rejects 80 (U+0080 in
// browsers) and the user-defined codes F0 40 to F9 FC (private-use characters), and reads 7F
// after a lead byte as 1A. The mappings are iconv-lite's for Big5 and EUC-KR, which follows the
// standard for both, and Node's own for Shift_JIS's other codes; the decoding steps are the
// standard's: a lead byte whose pair maps to nothing is one U+FFFD, and an ASCII byte after it is
// read again as itself.
import iconv from 'iconv-lite';
import { lazy } from './_lazy.js';

export type BrowserDoubleByte = 'big5' | 'euc-kr' | 'shift_jis';

interface Layout {
  /** The mapping's decoder: iconv-lite's, or Node's where it agrees with the standard. */
  readonly decode: (bytes: Buffer) => string;
  /** Codes per lead byte. */
  readonly perLead: number;
  /** Where a lead byte falls among the leads, or -1 for a byte that is no lead. */
  readonly leadIndex: (byte: number) => number;
  /** Where a trail byte falls among its lead's codes, or -1 for a byte that is no trail. */
  readonly trailIndex: (byte: number) => number;
  /** The code point of a byte above ASCII that is a character by itself, or -1. */
  readonly single: (byte: number) => number;
  /** Codes the standard maps by rule, not by its index: their first pointer, how many, and the first code point. */
  readonly ranges: readonly (readonly [pointer: number, count: number, codePoint: number])[];
}

const FIRST_LEAD = 0x81;
const LAST_LEAD = 0xfe;
const fromFirstLead = (byte: number): number => (byte >= FIRST_LEAD && byte <= LAST_LEAD ? byte - FIRST_LEAD : -1);
const noSingle = (): number => -1;
const SHIFT_JIS_HALF_WIDTH_KATAKANA = 0xff61;
const PRIVATE_USE = 0xe000;

const LAYOUTS: Record<BrowserDoubleByte, Layout> = {
  big5: {
    decode: (bytes) => iconv.decode(bytes, 'big5hkscs'),
    perLead: 157,
    leadIndex: fromFirstLead,
    trailIndex: (byte) => (byte >= 0x40 && byte <= 0x7e ? byte - 0x40 : byte >= 0xa1 && byte <= 0xfe ? byte - 0x62 : -1),
    single: noSingle,
    ranges: [],
  },
  'euc-kr': {
    decode: (bytes) => iconv.decode(bytes, 'cp949'),
    perLead: 190,
    leadIndex: fromFirstLead,
    trailIndex: (byte) => (byte >= 0x41 && byte <= 0xfe ? byte - 0x41 : -1),
    single: noSingle,
    ranges: [],
  },
  shift_jis: {
    decode: (bytes) => new TextDecoder('shift_jis').decode(bytes),
    perLead: 188,
    leadIndex: (byte) => (byte >= 0x81 && byte <= 0x9f ? byte - 0x81 : byte >= 0xe0 && byte <= 0xfc ? byte - 0xc1 : -1),
    trailIndex: (byte) => (byte >= 0x40 && byte <= 0x7e ? byte - 0x40 : byte >= 0x80 && byte <= 0xfc ? byte - 0x41 : -1),
    single: (byte) => (byte === 0x80 ? byte : byte >= 0xa1 && byte <= 0xdf ? SHIFT_JIS_HALF_WIDTH_KATAKANA + byte - 0xa1 : -1),
    // The user-defined area, F0 40 to F9 FC.
    ranges: [[8836, 1880, PRIVATE_USE]],
  },
};
const NONE = -1;
/** A code that maps to two code points (Big5's Ê̄ and its kin): its place in `pairs`. */
const PAIR = -2;

interface Index {
  /** The code point of each code (lead, trail), NONE, or PAIR. */
  readonly codePoints: Int32Array;
  readonly pairs: ReadonlyMap<number, string>;
}

/** Every code of the layout decoded in one call, each followed by a line feed. */
function buildIndex({ decode, perLead, leadIndex, trailIndex, ranges }: Layout): Index {
  const trails: number[] = [];
  const leads: number[] = [];
  for (let byte = 0; byte <= 0xff; byte += 1) {
    if (trailIndex(byte) >= 0) trails.push(byte);
    if (leadIndex(byte) >= 0) leads.push(byte);
  }
  const buffer = Buffer.alloc(leads.length * trails.length * 3);
  let at = 0;
  for (const lead of leads) {
    for (const trail of trails) {
      buffer[at++] = lead;
      buffer[at++] = trail;
      buffer[at++] = 0x0a;
    }
  }
  const decoded = decode(buffer).split('\n');
  const codePoints = new Int32Array(leads.length * perLead).fill(NONE);
  const pairs = new Map<number, string>();
  let piece = 0;
  for (const lead of leads) {
    for (const trail of trails) {
      const text = decoded[piece++] as string;
      if (text.length === 0 || text.includes('\uFFFD')) continue;
      const pointer = leadIndex(lead) * perLead + trailIndex(trail);
      const points = [...text];
      if (points.length === 1) codePoints[pointer] = text.codePointAt(0) as number;
      else {
        codePoints[pointer] = PAIR;
        pairs.set(pointer, text);
      }
    }
  }
  for (const [pointer, count, codePoint] of ranges) for (let i = 0; i < count; i += 1) codePoints[pointer + i] = codePoint + i;
  return { codePoints, pairs };
}

const INDEXES: Record<BrowserDoubleByte, () => Index> = {
  big5: lazy(() => buildIndex(LAYOUTS.big5)),
  'euc-kr': lazy(() => buildIndex(LAYOUTS['euc-kr'])),
  shift_jis: lazy(() => buildIndex(LAYOUTS.shift_jis)),
};

/** Code units gathered before they are made a string (String.fromCharCode takes them as arguments). */
const CHUNK = 8192;
/** Where they are gathered: one buffer for every call (the engine decodes many short spans). */
const units = new Uint16Array(CHUNK + 4);

/**
 * `bytes` decoded as a browser decodes `codec`, with how many U+FFFD its errors made (0: the
 * bytes decode cleanly).
 */
export function decodeBrowserDoubleByte(bytes: Uint8Array, codec: BrowserDoubleByte): { text: string; errors: number } {
  const { perLead, leadIndex, trailIndex, single } = LAYOUTS[codec];
  const { codePoints, pairs } = INDEXES[codec]();
  const parts: string[] = [];
  let length = 0;
  let errors = 0;
  const push = (code: number): void => {
    if (code > 0xffff) {
      units[length++] = 0xd800 + ((code - 0x10000) >> 10);
      units[length++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
    } else units[length++] = code;
    if (length >= CHUNK) {
      parts.push(String.fromCharCode(...units.subarray(0, length)));
      length = 0;
    }
  };
  const error = (): void => {
    errors += 1;
    push(0xfffd);
  };
  for (let at = 0; at < bytes.length; at += 1) {
    const byte = bytes[at] as number;
    if (byte < 0x80) {
      push(byte);
      continue;
    }
    const lead = leadIndex(byte);
    if (lead < 0 || at + 1 >= bytes.length) {
      const alone = single(byte);
      if (alone < 0) error();
      else push(alone);
      continue;
    }
    const trail = bytes[at + 1] as number;
    const index = trailIndex(trail);
    const pointer = lead * perLead + index;
    const code = index < 0 ? NONE : (codePoints[pointer] as number);
    // An ASCII byte after a lead that makes nothing with it is read again as itself.
    if (code === NONE) {
      error();
      if (trail >= 0x80) at += 1;
      continue;
    }
    at += 1;
    if (code === PAIR) for (const char of pairs.get(pointer) as string) push(char.codePointAt(0) as number);
    else push(code);
  }
  parts.push(String.fromCharCode(...units.subarray(0, length)));
  return { text: parts.join(''), errors };
}
