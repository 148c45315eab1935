// Bytes to text. The order of evidence: a forced encoding, a byte-order mark, strict UTF-8
// validity, a UTF-16 pattern of zero bytes, then jschardet on a sample of the input (a large file
// is never scanned whole). The choice is reported as the first step of the plan, with its
// confidence, so that `applyPlan(bytes, steps)` replays it.
import type { detect as Detect } from 'jschardet';
import { lazy, requireModule } from '../core/_lazy.js';
import { canonicalCodec, decodeDocument, decodesCleanly, type CodecName } from '../core/codecs.js';
import { DECODE_INPUT, repair, type RepairResult } from '../core/pipeline.js';
import type { RepairOptions } from '../core/options.js';
import type { Step } from '../core/plan.js';

// jschardet takes 40 ms to load: only inputs that are not UTF-8 need it.
const detect = lazy(() => (requireModule('jschardet') as { detect: typeof Detect }).detect);

/** How many bytes the detector sees: enough for a stable guess, small enough to be instant. */
export const DETECTION_SAMPLE_BYTES = 64 * 1024;

export interface DecodeOptions {
  /** Force this encoding instead of detecting one. */
  readonly encoding?: string | undefined;
}

export interface DecodedInput {
  readonly text: string;
  readonly encoding: CodecName;
  /** 1 for a forced encoding, a BOM or valid UTF-8; the detector's confidence otherwise. */
  readonly confidence: number;
  /** Some bytes could not be decoded and became U+FFFD. */
  readonly lossy: boolean;
  readonly step: Step;
}

export class UnknownEncodingError extends Error {}

export interface Choice {
  readonly encoding: CodecName;
  readonly confidence: number;
  readonly why: string;
  /** Bytes to skip (a UTF-16 BOM, which has no place in UTF-8 output). */
  readonly skip: number;
}

export function chooseEncoding(bytes: Uint8Array, forced: string | undefined): Choice {
  if (forced !== undefined) {
    const encoding = canonicalCodec(forced);
    if (!encoding) throw new UnknownEncodingError(forced);
    return { encoding, confidence: 1, why: 'given by --encoding', skip: 0 };
  }
  // A UTF-8 BOM is kept in the text, so that clean input comes back byte for byte.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', confidence: 1, why: 'UTF-8 byte-order mark', skip: 0 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', confidence: 1, why: 'UTF-16LE byte-order mark', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', confidence: 1, why: 'UTF-16BE byte-order mark', skip: 2 };
  const sample = bytes.subarray(0, DETECTION_SAMPLE_BYTES);
  // Before the UTF-8 test: UTF-16 of ASCII text is also valid UTF-8, full of NULs.
  const utf16 = guessUtf16(sample);
  if (utf16) return { encoding: utf16, confidence: 0.9, why: 'zero bytes in a UTF-16 pattern', skip: 0 };
  if (decodesCleanly(bytes, 'utf-8')) return { encoding: 'utf-8', confidence: 1, why: 'valid UTF-8', skip: 0 };
  const guess = detect()(sample);
  const detected = guess.encoding ? canonicalCodec(guess.encoding) : undefined;
  if (detected && detected !== 'utf-8') {
    // GB2312 and GBK guesses are decoded as GB18030, their superset, as browsers do.
    const encoding = detected === 'gbk' ? 'gb18030' : detected;
    return { encoding, confidence: round(guess.confidence), why: `detected by jschardet (${guess.encoding})`, skip: 0 };
  }
  // Not UTF-8 and nothing recognised: fixnews's users most often bring GBK-family bytes.
  return { encoding: 'gb18030', confidence: 0.1, why: 'not UTF-8 and not recognised; assumed GB18030', skip: 0 };
}

// UTF-16 text of mostly ASCII or CJK has many zero bytes on one side of each code unit.
function guessUtf16(sample: Uint8Array): CodecName | undefined {
  if (sample.length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const units = Math.floor(sample.length / 2);
  if (oddZeros > units * 0.3 && evenZeros < units * 0.05) return 'utf-16le';
  if (evenZeros > units * 0.3 && oddZeros < units * 0.05) return 'utf-16be';
  return undefined;
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}

/**
 * Decode input bytes, choosing the encoding by the evidence above.
 * Throws `UnknownEncodingError` for an `encoding` name fixnews does not know.
 *
 * @example
 * decodeBytes(Buffer.from('c4e3bac3', 'hex')).encoding // 'gb18030'
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedInput {
  const choice = chooseEncoding(bytes, options.encoding);
  const body = bytes.subarray(choice.skip);
  const { text, lossy } = decodeDocument(body, choice.encoding);
  return { text, encoding: choice.encoding, confidence: choice.confidence, lossy, step: decodeStep(choice) };
}

/** The first step of a plan for bytes: how they were decoded. */
function decodeStep(choice: Choice): Step {
  return {
    kind: 'decode',
    fixer: DECODE_INPUT,
    params: { encoding: choice.encoding, confidence: choice.confidence, skip: choice.skip },
    detail: `decoded the input as ${choice.encoding} (${choice.why}, confidence ${choice.confidence})`,
    count: 1,
    where: [0],
  };
}

export interface BytesRepairResult extends RepairResult {
  /** The input as decoded, before repair. */
  readonly original: string;
  readonly encoding: CodecName;
  readonly confidence: number;
  readonly lossy: boolean;
}

/**
 * Decode bytes, then repair the text. The decode is the first step of the plan.
 *
 * @example
 * repairBytes(Buffer.from('b7a2d1d4', 'hex'), { to: 'traditional' }).text // '發言'
 */
export function repairBytes(
  bytes: Uint8Array,
  options: Partial<RepairOptions> & DecodeOptions = {},
): BytesRepairResult {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('repairBytes() takes a Buffer or Uint8Array; use repair() for text');
  const { encoding, ...repairOptions } = options;
  const decoded = decodeBytes(bytes, { encoding });
  const repaired = repair(decoded.text, repairOptions);
  return {
    original: decoded.text,
    text: repaired.text,
    steps: [decoded.step, ...repaired.steps],
    encoding: decoded.encoding,
    confidence: decoded.confidence,
    lossy: decoded.lossy,
  };
}
