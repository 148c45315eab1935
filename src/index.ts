// The library's public API. Everything else is internal.
export { repair, applyPlan, type RepairResult } from './core/pipeline.js';
export { searchWorkFor, type SearchWork } from './core/fixes/gbk-misalignment.js';
export { repairBytes, decodeBytes, type BytesRepairResult, type DecodedInput, type DecodeOptions } from './io/decode.js';
export {
  DEFAULT_OPTIONS,
  parseScriptTarget,
  resolveOptions,
  type RepairOptions,
  type ScriptTarget,
  type PunctuationPolicy,
} from './core/options.js';
export type { Step, StepKind, StepParams } from './core/plan.js';
export { canonicalCodec, decodeWith, type CodecName } from './core/codecs.js';
