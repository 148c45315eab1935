import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { applyPlan, decodeBytes, decodeWith, repairBytes } from '../../dist/index.js';

const CHINESE = '市政协五届二次会议举行第二次全体会议，进行议政发言。市委副书记、代市长王延峰应邀出席并讲话。';

describe('decodeBytes', () => {
  it('takes valid UTF-8 with full confidence', () => {
    const decoded = decodeBytes(Buffer.from(CHINESE));
    expect(decoded).toMatchObject({ text: CHINESE, encoding: 'utf-8', confidence: 1, lossy: false });
  });

  it('keeps a UTF-8 byte-order mark so clean input round-trips', () => {
    expect(decodeBytes(Buffer.from(`\uFEFF${CHINESE}`)).text).toBe(`\uFEFF${CHINESE}`);
  });

  it('reads UTF-16 by its byte-order mark and drops the mark', () => {
    const bytes = Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(CHINESE, 'utf16le')]);
    expect(decodeBytes(bytes)).toMatchObject({ text: CHINESE, encoding: 'utf-16le' });
  });

  it('recognises UTF-16LE without a byte-order mark', () => {
    expect(decodeBytes(Buffer.from('plain ASCII text in UTF-16', 'utf16le')).encoding).toBe('utf-16le');
  });

  it.each([
    ['gbk', CHINESE, 'gb18030'],
    ['big5', '臨汾新聞網訊，市政協五屆二次會議舉行第二次全體會議，進行議政發言。市委副書記、代市長王延峰應邀出席並講話。', 'big5'],
    ['shift_jis', '日本語のテキストです。東京都に住んでいます。今日は良い天気ですね。', 'shift_jis'],
    ['euc-kr', '한국어 텍스트입니다. 서울에 살고 있습니다. 오늘은 날씨가 좋네요.', 'euc-kr'],
  ])('detects %s bytes', (codec, text, expected) => {
    const decoded = decodeBytes(iconv.encode(text, codec));
    expect(decoded.encoding).toBe(expected);
    expect(decoded.text).toBe(text);
    expect(decoded.confidence).toBeGreaterThan(0);
    expect(decoded.confidence).toBeLessThan(1);
  });

  it('obeys a forced encoding and reports bytes it could not decode', () => {
    const decoded = decodeBytes(Buffer.of(0xc4, 0xe3, 0xff), { encoding: 'utf-8' });
    expect(decoded.lossy).toBe(true);
    expect(decoded.text).toContain('\uFFFD');
  });
});

describe('decodeWith', () => {
  it('decodes the five bytes cp1252 leaves undefined as C1 controls, as browsers do', () => {
    expect(decodeWith(Buffer.of(0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x80), 'cp1252')).toBe('\u0081\u008D\u008F\u0090\u009D€');
  });

  it('reads Big5 as browsers do, with the Hong Kong characters (嘅 is FB 48, 咗 9D F7)', () => {
    expect(decodeBytes(Buffer.from('fb489df7a4a4', 'hex'), { encoding: 'big5' })).toMatchObject({ text: '嘅咗中', lossy: false });
  });

  it('reads EUC-KR as code page 949, as browsers do (81 41 is 갂)', () => {
    expect(decodeBytes(Buffer.from('8141b0a1', 'hex'), { encoding: 'euc-kr' })).toMatchObject({ text: '갂가', lossy: false });
  });

  it('marks each byte Big5 rejects and keeps an ASCII byte after a lead it cannot pair', () => {
    expect(decodeBytes(Buffer.from('41804181428f', 'hex'), { encoding: 'big5' })).toMatchObject({ text: 'A\uFFFDA\uFFFDB\uFFFD', lossy: true });
  });

  it('reads GBK as GB18030, as browsers do: a lone FF is marked, A2 E3 is €', () => {
    expect(decodeBytes(Buffer.from('41ff41a2e3', 'hex'), { encoding: 'gbk' })).toMatchObject({ text: 'A\uFFFDA€', lossy: true });
  });

  it('reads Shift_JIS as browsers do: 80 is U+0080, F0 40 a user-defined character, 7F after a lead byte itself', () => {
    expect(decodeBytes(Buffer.from('8041f0408a7f82a0', 'hex'), { encoding: 'shift_jis' })).toMatchObject({ text: '\u0080A\uE000\uFFFD\u007Fあ', lossy: true });
  });

  it('marks the bytes EUC-JP rejects (80-8D, 90-9F), which Node passes through as C1 controls', () => {
    expect(decodeBytes(Buffer.from('8541a4a2909f', 'hex'), { encoding: 'euc-jp' })).toMatchObject({ text: '\uFFFDAあ\uFFFD\uFFFD', lossy: true });
    expect(decodeBytes(Buffer.from('41a4a2', 'hex'), { encoding: 'euc-jp' })).toMatchObject({ text: 'Aあ', lossy: false });
  });

  it('decodes GBK damage with the same decoder whatever the label: gbk, GBK and cp936 alike', () => {
    const bytes = Buffer.from('a2e3a6d9', 'hex');
    expect(new Set(['gbk', 'GBK', 'cp936', 'gb18030'].map((label) => decodeWith(bytes, label)))).toEqual(new Set(['€︐']));
  });

  it('throws a RangeError for an unknown codec', () => {
    expect(() => decodeWith(Buffer.of(1), 'klingon')).toThrow(RangeError);
  });
});

describe('repairBytes', () => {
  it('puts the decode first in a plan that replays from the bytes', () => {
    const bytes = iconv.encode('市政協五屆二次會議舉行第二次全體會議，進行議政發言。', 'big5');
    const result = repairBytes(bytes, { to: 'simplified' });
    expect(result.steps[0]).toMatchObject({ kind: 'decode', fixer: 'decodeInput', params: { encoding: 'big5' } });
    expect(result.text).toBe('市政协五届二次会议举行第二次全体会议，进行议政发言。');
    expect(applyPlan(bytes, result.steps)).toBe(result.text);
  });
});
