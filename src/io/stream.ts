// Large inputs in bounded memory. The bytes are cut into pieces of a few megabytes as they are
// read, each cut right after a line break, where no character and no damaged run (which never
// crosses a line) can be cut. The cut is made on the bytes themselves: in every encoding here but
// UTF-16 a line feed is byte 0x0A and never part of another character. Each piece is then
// decoded, repaired as a document of its own (the repairs' evidence is local, and a few megabytes
// are ample context) and encoded as UTF-8, anywhere (a worker thread): the reader only ever
// holds bytes.
import { decodeDocument, type CodecName } from '../core/codecs.js';
import { repair } from '../core/pipeline.js';
import type { RepairOptions } from '../core/options.js';
import type { Step } from '../core/plan.js';
import { damageSteps } from '../format/result.js';
import { repairJsonLines, type BadLine } from './jsonl-field.js';
import { chooseEncoding, DETECTION_SAMPLE_BYTES, type Choice } from './decode.js';

/** About how many bytes make a piece. */
export const PIECE_BYTES = 2 * 1024 * 1024;

export interface BytePiece {
  readonly bytes: Uint8Array;
  /** How many line breaks came before the piece. */
  readonly linesBefore: number;
}

export interface SplitStream {
  /** The first bytes, as many as the detector samples. */
  readonly head: Uint8Array;
  /** How the bytes are decoded, chosen from the first bytes. */
  readonly choice: Choice;
  /** The pieces, in order; the first starts after a byte-order mark the choice skips. */
  readonly pieces: AsyncGenerator<BytePiece>;
}

/**
 * Cut a byte stream into pieces of about `pieceBytes`. With `wholeLines` (JSON Lines) a piece
 * ends only after a line break; otherwise a line longer than a piece is cut between characters.
 */
export async function splitStream(
  source: AsyncIterable<Uint8Array | string>,
  forced: string | undefined,
  { wholeLines = false, pieceBytes = PIECE_BYTES }: { wholeLines?: boolean; pieceBytes?: number } = {},
): Promise<SplitStream> {
  const iterator = source[Symbol.asyncIterator]();
  const read = async (): Promise<Buffer | null> => {
    const next = await iterator.next();
    if (next.done) return null;
    return typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
  };
  // The encoding is chosen on the first bytes, as many as the detector samples.
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < DETECTION_SAMPLE_BYTES) {
    const bytes = await read();
    if (!bytes) {
      ended = true;
      break;
    }
    head.push(bytes);
    headLength += bytes.length;
  }
  const first = Buffer.concat(head);
  const choice = chooseEncoding(completeUtf8(first), forced);
  const breaks = lineBreaks(choice.encoding);

  async function* pieces(): AsyncGenerator<BytePiece> {
    // Bytes read since the last cut, joined only when there are enough for a piece.
    let chunks: Buffer[] = [first.subarray(choice.skip)];
    let length = (chunks[0] as Buffer).length;
    let linesBefore = 0;
    let searchedTo = 0;
    for (;;) {
      if (length >= pieceBytes) {
        const pending = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
        const end = pieceEnd(pending, pieceBytes, breaks, wholeLines, searchedTo);
        if (end > 0) {
          const piece = pending.subarray(0, end);
          yield { bytes: piece, linesBefore };
          linesBefore += breaks.count(piece);
          chunks = [pending.subarray(end)];
          length = pending.length - end;
          searchedTo = 0;
          continue;
        }
        chunks = [pending];
        searchedTo = pending.length;
      }
      const more = ended ? null : await read();
      if (!more) break;
      chunks.push(more);
      length += more.length;
    }
    if (length > 0) yield { bytes: Buffer.concat(chunks, length), linesBefore };
  }
  return { head: first, choice, pieces: pieces() };
}

/** How line breaks and safe cuts look in the bytes of an encoding. */
interface LineBreaks {
  /** The offset just after the last line break that ends at or before `to`, or 0. */
  lastEnd(bytes: Buffer, to: number): number;
  /** The offset just after the first line break found from `from` on, or 0. */
  nextEnd(bytes: Buffer, from: number): number;
  count(bytes: Uint8Array): number;
  /** The last offset at or before `to` between two characters, or 0: for a line longer than a piece. */
  lastBoundary(bytes: Buffer, to: number): number;
}

function lineBreaks(codec: CodecName): LineBreaks {
  if (codec === 'utf-16le' || codec === 'utf-16be') {
    const lineFeed = codec === 'utf-16le' ? Buffer.of(0x0a, 0) : Buffer.of(0, 0x0a);
    // A line feed is a whole code unit: at an even offset.
    return {
      lastEnd: (bytes, to) => {
        for (let at = bytes.lastIndexOf(lineFeed, to - 2); at >= 0; at = at > 0 ? bytes.lastIndexOf(lineFeed, at - 1) : -1) if (at % 2 === 0) return at + 2;
        return 0;
      },
      nextEnd: (bytes, from) => {
        for (let at = bytes.indexOf(lineFeed, from); at >= 0; at = bytes.indexOf(lineFeed, at + 1)) if (at % 2 === 0) return at + 2;
        return 0;
      },
      count: (bytes) => {
        let n = 0;
        for (let at = 0; at + 1 < bytes.length; at += 2) if (bytes[at] === lineFeed[0] && bytes[at + 1] === lineFeed[1]) n += 1;
        return n;
      },
      // Between two code units that are not a surrogate pair.
      lastBoundary: (bytes, to) => {
        for (let at = to - (to % 2); at > 0; at -= 2) {
          const high = codec === 'utf-16le' ? (bytes[at - 1] as number) : (bytes[at - 2] as number);
          if (high < 0xd8 || high > 0xdb) return at;
        }
        return 0;
      },
    };
  }
  return {
    lastEnd: (bytes, to) => bytes.lastIndexOf(0x0a, to - 1) + 1,
    nextEnd: (bytes, from) => bytes.indexOf(0x0a, from) + 1,
    count: (bytes) => {
      let n = 0;
      for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) n += 1;
      return n;
    },
    // In UTF-8 every byte but a continuation byte starts a character; in the other encodings a
    // byte below 0x40 is a character of its own (no trail byte is that low).
    lastBoundary: (bytes, to) => {
      for (let at = to - 1; at > 0; at -= 1) {
        const byte = bytes[at] as number;
        if (codec === 'utf-8' ? byte < 0x80 || byte >= 0xc0 : byte < 0x40) return codec === 'utf-8' ? at : at + 1;
      }
      return 0;
    },
  };
}

/**
 * Where to end a piece of at least `size` bytes: after the last line break within `size`; else
 * (a line longer than a piece) between two characters, or with `wholeLines` after the line's
 * end, looked for from `searchedTo` on (0: not before more bytes come).
 */
function pieceEnd(bytes: Buffer, size: number, breaks: LineBreaks, wholeLines: boolean, searchedTo: number): number {
  const line = breaks.lastEnd(bytes, size);
  if (line > 0) return line;
  return wholeLines ? breaks.nextEnd(bytes, Math.max(size, searchedTo)) : breaks.lastBoundary(bytes, size);
}

/** The bytes without a UTF-8 sequence cut off at their end, so that a cut does not hide valid UTF-8. */
function completeUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if (byte < 0x80) break;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}

/** What repairing one piece gives: UTF-8 bytes out, and what the report needs. */
export interface RepairedPiece {
  readonly output: Uint8Array;
  /** The output differs from the input bytes. */
  readonly changed: boolean;
  /** Some bytes could not be decoded and became U+FFFD. */
  readonly lossy: boolean;
  /** The damage repaired (text mode). */
  readonly damage: readonly Step[];
  /** Corpus mode: records, records repaired, bad lines (numbered within the piece). */
  readonly corpus?: { readonly records: number; readonly repaired: number; readonly bad: readonly BadLine[] };
}

/** Decode a piece, repair it (or, with `field`, that field of each JSON Lines record) and encode it as UTF-8. */
export function repairPiece(bytes: Uint8Array, encoding: CodecName, options: Partial<RepairOptions>, field?: string): RepairedPiece {
  const { text, lossy } = decodeDocument(bytes, encoding);
  let output: Buffer;
  let damage: readonly Step[] = [];
  let corpus: RepairedPiece['corpus'];
  if (field === undefined) {
    const result = repair(text, options);
    damage = damageSteps(result.steps);
    output = Buffer.from(result.text, 'utf8');
  } else {
    const { output: lines, records, repaired, bad } = repairJsonLines(text, field, options);
    corpus = { records, repaired, bad };
    output = Buffer.from(lines, 'utf8');
  }
  const changed = !output.equals(bytes);
  return { output, changed, lossy, damage, ...(corpus ? { corpus } : {}) };
}
