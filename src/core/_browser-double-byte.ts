// Big5 and EUC-KR as browsers decode them (the WHATWG Encoding Standard): Big5 with the Hong Kong
// characters (HKSCS: 嘅 is FB 48), EUC-KR as Windows code page 949. Node 20's TextDecoder reads
// both otherwise: it gives HKSCS codes private-use characters, reads no EUC-KR code beyond KS X
// 1001 (81 41 is 갂 in browsers), and drops bytes silently (a lone 80; 81 and the ASCII byte
// after it in Big5; C9 A1 in EUC-KR). The mappings are iconv-lite's, which follows the standard
// for both; the decoding steps are the standard's: a lead byte whose pair maps to nothing is one
// U+FFFD, and an ASCII byte after it is read again as itself.
import iconv from 'iconv-lite';
import { lazy } from './_lazy.js';

export type BrowserDoubleByte = 'big5' | 'euc-kr';

interface Layout {
  /** iconv-lite's name for the mapping. */
  readonly mapping: string;
  /** Codes per lead byte. */
  readonly perLead: number;
  /** Where a trail byte falls among its lead's codes, or -1 for a byte that is no trail. */
  readonly trailIndex: (byte: number) => number;
}

const LAYOUTS: Record<BrowserDoubleByte, Layout> = {
  big5: { mapping: 'big5hkscs', perLead: 157, trailIndex: (byte) => (byte >= 0x40 && byte <= 0x7e ? byte - 0x40 : byte >= 0xa1 && byte <= 0xfe ? byte - 0x62 : -1) },
  'euc-kr': { mapping: 'cp949', perLead: 190, trailIndex: (byte) => (byte >= 0x41 && byte <= 0xfe ? byte - 0x41 : -1) },
};
const FIRST_LEAD = 0x81;
const LAST_LEAD = 0xfe;
const NONE = -1;
/** A code that maps to two code points (Big5's Ê̄ and its kin): its place in `pairs`. */
const PAIR = -2;

interface Index {
  /** The code point of each code (lead, trail), NONE, or PAIR. */
  readonly codePoints: Int32Array;
  readonly pairs: ReadonlyMap<number, string>;
}

/** Every code of the layout decoded by iconv-lite in one call, each followed by a line feed. */
function buildIndex({ mapping, perLead, trailIndex }: Layout): Index {
  const trails: number[] = [];
  for (let byte = 0; byte <= 0xff; byte += 1) if (trailIndex(byte) >= 0) trails.push(byte);
  const leads = LAST_LEAD - FIRST_LEAD + 1;
  const buffer = Buffer.alloc(leads * trails.length * 3);
  let at = 0;
  for (let lead = FIRST_LEAD; lead <= LAST_LEAD; lead += 1) {
    for (const trail of trails) {
      buffer[at++] = lead;
      buffer[at++] = trail;
      buffer[at++] = 0x0a;
    }
  }
  const decoded = iconv.decode(buffer, mapping).split('\n');
  const codePoints = new Int32Array(leads * perLead).fill(NONE);
  const pairs = new Map<number, string>();
  let piece = 0;
  for (let lead = FIRST_LEAD; lead <= LAST_LEAD; lead += 1) {
    for (const trail of trails) {
      const text = decoded[piece++] as string;
      if (text.length === 0 || text.includes('\uFFFD')) continue;
      const pointer = (lead - FIRST_LEAD) * perLead + trailIndex(trail);
      const points = [...text];
      if (points.length === 1) codePoints[pointer] = text.codePointAt(0) as number;
      else {
        codePoints[pointer] = PAIR;
        pairs.set(pointer, text);
      }
    }
  }
  return { codePoints, pairs };
}

const INDEXES: Record<BrowserDoubleByte, () => Index> = {
  big5: lazy(() => buildIndex(LAYOUTS.big5)),
  'euc-kr': lazy(() => buildIndex(LAYOUTS['euc-kr'])),
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
  const { perLead, trailIndex } = LAYOUTS[codec];
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
    if (byte < FIRST_LEAD || byte > LAST_LEAD || at + 1 >= bytes.length) {
      error();
      continue;
    }
    const trail = bytes[at + 1] as number;
    const index = trailIndex(trail);
    const code = index < 0 ? NONE : (codePoints[(byte - FIRST_LEAD) * perLead + index] as number);
    // An ASCII byte after a lead that makes nothing with it is read again as itself.
    if (code === NONE) {
      error();
      if (trail >= 0x80) at += 1;
      continue;
    }
    at += 1;
    if (code === PAIR) for (const char of pairs.get((byte - FIRST_LEAD) * perLead + index) as string) push(char.codePointAt(0) as number);
    else push(code);
  }
  parts.push(String.fromCharCode(...units.subarray(0, length)));
  return { text: parts.join(''), errors };
}
