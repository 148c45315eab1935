// Streaming: the pieces of a byte stream put back together are the stream; every piece but the
// last ends after a line break (or, for a line longer than a piece, between two characters); and
// each piece decodes on its own to its share of the text.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeWith } from '../../dist/index.js';
import { repairPiece, splitStream } from '../../dist/io/stream.js';

const LINE = '市政協五屆二次會議舉行第二次全體會議，進行議政發言。Café 𠀀\n';

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function split(bytes: Buffer, options: { encoding?: string; pieceBytes: number; wholeLines?: boolean; chunk?: number }) {
  const stream = await splitStream(chunks(bytes, options.chunk ?? 7), options.encoding, options);
  const pieces: { bytes: Uint8Array; linesBefore: number }[] = [];
  for await (const piece of stream.pieces) pieces.push(piece);
  return { choice: stream.choice, pieces };
}

describe('splitStream', () => {
  for (const encoding of ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be']) {
    it(`cuts ${encoding} after line breaks into pieces that decode on their own`, async () => {
      const text = LINE.repeat(40).replace(/Café 𠀀/g, encoding === 'utf-8' || encoding.startsWith('utf-16') ? 'Café 𠀀' : 'Cafe');
      const bytes = iconv.encode(text, encoding);
      const { pieces } = await split(bytes, { encoding, pieceBytes: 200 });
      expect(pieces.length).toBeGreaterThan(3);
      expect(Buffer.concat(pieces.map((piece) => piece.bytes))).toEqual(bytes);
      const decoded = pieces.map((piece) => decodeWith(piece.bytes, encoding));
      expect(decoded.join('')).toBe(text);
      for (const part of decoded.slice(0, -1)) expect(part.endsWith('\n')).toBe(true);
      expect(pieces.map((piece) => piece.linesBefore)).toEqual(decoded.map((_, i) => decoded.slice(0, i).join('').split('\n').length - 1));
    });
  }

  it('cuts a line longer than a piece between characters', async () => {
    for (const encoding of ['utf-8', 'gb18030', 'utf-16le']) {
      const text = '會議，舉行 2023 年。'.repeat(200);
      const bytes = iconv.encode(text, encoding);
      const { pieces } = await split(bytes, { encoding, pieceBytes: 100 });
      expect(pieces.length).toBeGreaterThan(3);
      expect(pieces.map((piece) => decodeWith(piece.bytes, encoding)).join('')).toBe(text);
    }
  });

  it('keeps JSON Lines records whole however long they are', async () => {
    const records = ['{"text":"' + '會議'.repeat(300) + '"}', '{"text":"短"}', '{"text":"' + '舉行'.repeat(300) + '"}'];
    const bytes = Buffer.from(`${records.join('\n')}\n`);
    const { pieces } = await split(bytes, { pieceBytes: 100, wholeLines: true });
    expect(pieces.map((piece) => Buffer.from(piece.bytes).toString())).toEqual(records.map((record) => `${record}\n`));
  });

  it('chooses the encoding from the first bytes and skips a UTF-16 byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(LINE.repeat(10), 'utf16le')]);
    const { choice, pieces } = await split(bytes, { pieceBytes: 100 });
    expect(choice).toMatchObject({ encoding: 'utf-16le', skip: 2 });
    expect(pieces.map((piece) => decodeWith(piece.bytes, 'utf-16le')).join('')).toBe(LINE.repeat(10));
  });
});

describe('repairPiece', () => {
  it('repairs a piece into UTF-8 and reports the damage', () => {
    const piece = repairPiece(iconv.encode('會(huì)議舉(jǔ)行\n', 'gb18030'), 'gb18030', {});
    expect(Buffer.from(piece.output).toString()).toBe('會議舉行\n');
    expect(piece).toMatchObject({ changed: true, lossy: false });
    expect(piece.damage.map((step) => step.fixer)).toContain('removePinyinGloss');
  });

  it('leaves clean UTF-8 unchanged, byte for byte', () => {
    const bytes = Buffer.from(LINE);
    const piece = repairPiece(bytes, 'utf-8', {});
    expect(piece).toMatchObject({ changed: false, damage: [] });
    expect(Buffer.from(piece.output)).toEqual(bytes);
  });

  it('says when bytes could not be decoded', () => {
    expect(repairPiece(Buffer.of(0x41, 0xff, 0x0a), 'utf-8', {}).lossy).toBe(true);
    expect(repairPiece(Buffer.from('\uFFFD\n'), 'utf-8', {}).lossy).toBe(false);
  });
});
