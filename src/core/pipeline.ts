// The repair pipeline: an ordered list of stages, each of which first decides from evidence whether
// its fixer should run (and with what parameters), then runs it and records a step if anything
// changed. Decisions are made here; fixers only transform, so a plan replays without detection.
import { resolveOptions, type RepairOptions } from './options.js';
import { applyReplacements, Changes, getFixer, type Step, type StepKind, type StepParams } from './plan.js';
import { decodeDocument } from './codecs.js';
import { findMojibake, type SearchMemo } from './fixes/mojibake.js';
import { hasC1ToFix } from './fixes/c1-controls.js';
import { hasArtifacts } from './fixes/artifacts.js';
import { findLostLeads, hasOrphanContinuations } from './fixes/lost-lead.js';
import { findMisalignments, searchWorkFor, type SearchWork } from './fixes/gbk-misalignment.js';
import { countMidwordGlosses, MIN_MIDWORD_GLOSSES } from './fixes/pinyin-gloss.js';
import { LOST, type Guess } from './fixes/mark.js';
import './fixes/punctuation.js';
import './fixes/script.js';
import './fixes/web-debris.js';

export interface RepairResult {
  /** The repaired text. */
  readonly text: string;
  /** Every change made, in order; replay with `applyPlan`. Empty when the text was left alone. */
  readonly steps: readonly Step[];
}

interface Decision {
  readonly params: StepParams;
  readonly detail: string;
}

interface Stage {
  readonly fixer: string;
  readonly kind: StepKind;
  /**
   * Evidence check, given the steps already taken: `null` means leave the text alone. `memo`
   * lives for one repair, for what a stage learns in one round and can reuse in the next.
   */
  decide(text: string, options: Readonly<RepairOptions>, done: readonly Step[], memo: Memo): Decision | null;
  /** Run again on its own output, up to this many times in all (one layer of damage each). */
  readonly maxRuns?: number;
}

interface Memo {
  /** Lines the encoding engine searched in vain. */
  readonly search: SearchMemo;
  /**
   * Lines the misalignment search has seen, or made: a later round searches only lines another
   * repair has changed since, as a new repair would, and never its own output again, whose marks
   * of lost characters would look like fresh damage.
   */
  readonly misalignmentLines: Set<string>;
  /** What the misalignment search may still spend in this repair, in all its rounds. */
  misalignmentWork?: SearchWork;
}

/** Mojibake is undone one layer per run; three layers are what occurs in practice, with room to spare. */
const MAX_ENCODING_LAYERS = 4;

/** A character recovered from context, with its confidence: its margin over the next candidate. */
function describeGuess({ char, offset, margin }: Guess): string {
  return `${char} at ${offset} (${Number.isFinite(margin) ? `margin ${margin.toFixed(1)}` : 'no other reading'})`;
}

/**
 * The same guesses for `params.guesses`: `[offset, character, margin]`, the margin rounded to a
 * hundredth and `null` when no other candidate was possible. Replay ignores them.
 */
function guessParams(guesses: readonly Guess[]): (readonly [number, string, number | null])[] {
  return guesses.map(({ offset, char, margin }) => [offset, char, Number.isFinite(margin) ? Math.round(margin * 100) / 100 : null] as const);
}

// Fixers whose work shows that a document went through the pipeline that flattens punctuation
// (the glossing sites; byte-level full-width replacement), which makes ASCII punctuation in
// Chinese text evidence of flattening rather than the author's choice. A wrong codec is not.
const DAMAGE_EVIDENCE = new Set(['fixGbkMisalignment', 'removePinyinGloss']);

// The repairs, run in rounds until a round changes nothing: one repair can expose another (a
// decoded span may put a no-break space next to Chinese). Script conversion, which is not a
// repair, runs once after them.
const REPAIR_STAGES: readonly Stage[] = [
  {
    fixer: 'removeWebDebris',
    kind: 'apply',
    decide: (_text, options) =>
      options.fixWebDebris ? { params: {}, detail: 'decoded HTML entities, removed zero-width characters, normalised no-break spaces' } : null,
  },
  {
    // Before the encoding engine, which would read the orphan bytes as a GBK character.
    fixer: 'restoreLostLeads',
    kind: 'transcode',
    decide: (text, options) => {
      if (!options.fixEncoding || !hasOrphanContinuations(text)) return null;
      const { replacements, guesses } = findLostLeads(text, options.guess);
      if (replacements.length === 0) return null;
      const marked = replacements.length - guesses.length;
      const recovered = guesses.map(describeGuess).join(', ');
      return {
        params: { replacements, ...(guesses.length > 0 ? { guesses: guessParams(guesses) } : {}) },
        detail:
          `UTF-8 characters had lost their first byte and the rest was read as Latin-1: ` +
          [guesses.length > 0 ? `recovered ${guesses.length} from context: ${recovered}` : '', marked > 0 ? `${marked} marked lost` : '']
            .filter(Boolean)
            .join('; '),
      };
    },
  },
  {
    // Before the encoding engine: a run decoded out of step is made of rare characters, which the
    // engine would take for mojibake of some codec and change into other rare characters (one in
    // two glossed documents of the tune split), leaving nothing to put back in step. The search
    // looks only at windows that show byte damage around a mark, which mojibake rarely does.
    fixer: 'fixGbkMisalignment',
    kind: 'transcode',
    decide: (text, options, _done, memo) => {
      if (!options.fixEncoding) return null;
      memo.misalignmentWork ??= searchWorkFor(text);
      const { found, unsearched } = findMisalignments(text, options.guess, memo.misalignmentLines, memo.misalignmentWork);
      if (found.length === 0) return null;
      // The lines it makes are its own output: never searched again in this repair.
      const replacements = found.map((r) => [r.start, r.end, r.text] as const);
      const output = applyReplacements(text, { replacements });
      let shift = 0;
      for (const r of found) {
        const at = r.start + shift;
        shift += r.text.length - (r.end - r.start);
        const lineEnd = output.indexOf('\n', at);
        memo.misalignmentLines.add(output.slice(output.lastIndexOf('\n', at) + 1, lineEnd < 0 ? output.length : lineEnd));
      }
      const lost = found.reduce((n, r) => n + r.text.split('\uFFFD').length - 1, 0);
      const guessed = found.flatMap((r) => r.guessed);
      const doubtful = found.flatMap((r) => r.doubtful);
      return {
        params: { replacements, ...(guessed.length > 0 ? { guesses: guessParams(guessed) } : {}) },
        detail:
          `encoded ${found.length === 1 ? 'a run' : `${found.length} runs`} decoded out of step as gbk, undid byte edits ` +
          `(flattened A3xx punctuation, glosses inserted inside characters), decoded as gbk` +
          (guessed.length > 0 ? `; guessed the lead byte of ${guessed.map(describeGuess).join(', ')}` : '') +
          (lost > 0 ? `; ${lost} lost ${lost === 1 ? 'character' : 'characters'} marked U+FFFD` : '') +
          (doubtful.length > 0 ? ` (too close to call: ${doubtful.map(describeGuess).join(', ')})` : '') +
          (unsearched > 0 ? `; search work spent: ${unsearched} more ${unsearched === 1 ? 'place' : 'places'} that look damaged left as they stand` : ''),
      };
    },
  },
  {
    fixer: 'reencodeSpans',
    kind: 'transcode',
    maxRuns: MAX_ENCODING_LAYERS,
    decide: (text, options, _done, memo) => {
      if (!options.fixEncoding) return null;
      const finding = findMojibake(text, options.maxSegmentLength, memo.search, options.guess);
      if (!finding) return null;
      const { wrong, right } = finding.hypothesis;
      const guesses = finding.spans.flatMap((span) => span.guesses);
      return {
        params: {
          encoding: wrong,
          decoding: right,
          spans: finding.spans.map((span) => (span.restored.length > 0 ? [span.start, span.end, span.restored] : [span.start, span.end])),
          ...(finding.strict ? { strict: true } : {}),
          ...(guesses.length > 0 ? { guesses: guessParams(guesses) } : {}),
        },
        detail:
          `${right} bytes had been decoded as ${wrong}: re-encoded ${finding.spans.length === 1 ? 'a span' : `${finding.spans.length} spans`} as ${wrong} and decoded as ${right} (naturalness gain ${finding.gain.toFixed(1)})` +
          (finding.strict ? `; each U+FFFD read as one byte a strict ${wrong} decoder (Python's) rejected` : '') +
          (guesses.length > 0
            ? `; recovered ${guesses.length} ${guesses.length === 1 ? 'character' : 'characters'} from lost bytes by context: ${guesses.map(describeGuess).join(', ')}`
            : ''),
      };
    },
  },
  {
    fixer: 'markArtifacts',
    kind: 'apply',
    decide: (text, options) =>
      options.fixEncoding && hasArtifacts(text)
        ? { params: {}, detail: 'marked 锟斤拷 (U+FFFD read as GBK) and 烫烫烫/屯屯屯 (uninitialised memory read as GBK) as lost characters' }
        : null,
  },
  {
    fixer: 'fixC1Controls',
    kind: 'apply',
    decide: (text, options) =>
      options.fixEncoding && hasC1ToFix(text)
        ? {
            params: {},
            detail:
              'replaced C1 control characters by the cp1252 characters they stand for (Latin-1 read for cp1252); ' +
              'marked those between Chinese characters as lost (the remnant of a broken UTF-8 character)',
          }
        : null,
  },
  {
    fixer: 'removePinyinGloss',
    kind: 'apply',
    decide: (text, options) => {
      if (options.keepGlosses) return null;
      const midword = countMidwordGlosses(text);
      return midword >= MIN_MIDWORD_GLOSSES
        ? { params: {}, detail: `removed pinyin glosses that repeat a reading of the character before them (${midword} inside words)` }
        : null;
    },
  },
  {
    fixer: 'restoreFullwidthPunctuation',
    kind: 'apply',
    decide: (_text, options, done) => {
      if (options.punct === 'keep') return null;
      if (options.punct === 'fullwidth') return { params: {}, detail: 'restored full-width punctuation in Chinese text (asked for)' };
      const evidence = done.find((step) => DAMAGE_EVIDENCE.has(step.fixer));
      return evidence
        ? { params: {}, detail: `restored full-width punctuation in Chinese text (the document also needed ${evidence.fixer})` }
        : null;
    },
  },
];

// Lost characters are marked U+FFFD throughout the repairs; another mark is put in at the end.
const MARK_STAGE: Stage = {
  fixer: 'markLostCharacters',
  kind: 'apply',
  decide: (text, options) =>
    options.mark !== LOST && text.includes(LOST) ? { params: { mark: options.mark }, detail: `marked lost characters with ${options.mark}` } : null,
};

const CONVERSION_STAGE: Stage = {
    fixer: 'convertScript',
    kind: 'apply',
    decide: (_text, options) =>
      options.to === null ? null : { params: { to: options.to }, detail: `converted the script to ${options.to}` },
  };

/** Rounds of repair at most; each round that changes something is followed by another. */
const MAX_ROUNDS = 4;

/**
 * Repair damaged Chinese web text. The search for byte-level damage spends at most `searchWork`,
 * which several repairs can share (the records of a JSON Lines corpus: each short text alone
 * would get the allowance a text gets whatever its length); by default the text's own
 * (`searchWorkFor(text)`).
 *
 * @example
 * repair('市政協五屆二次會議', { to: 'simplified' }).text // '市政协五届二次会议'
 */
export function repair(text: string, options: Partial<RepairOptions> = {}, searchWork?: SearchWork): RepairResult {
  if (typeof text !== 'string') {
    throw new TypeError('repair() takes a string; use repairBytes() for a Buffer or Uint8Array');
  }
  const resolved = resolveOptions(options);
  const steps: Step[] = [];
  const memo: Memo = { search: { cleanLines: new Map() }, misalignmentLines: new Set(), misalignmentWork: searchWork };
  let current = text;
  const runStage = (stage: Stage): void => {
    for (let run = 0; run < (stage.maxRuns ?? 1); run += 1) {
      const decision = stage.decide(current, resolved, steps, memo);
      if (!decision) return;
      const changes = new Changes();
      const fixed = getFixer(stage.fixer)(current, decision.params, changes);
      if (fixed === current) return;
      steps.push({
        kind: stage.kind,
        fixer: stage.fixer,
        params: decision.params,
        detail: decision.detail,
        count: changes.count,
        where: changes.offsets,
      });
      current = fixed;
    }
  };
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const before = steps.length;
    for (const stage of REPAIR_STAGES) runStage(stage);
    if (steps.length === before) break;
  }
  runStage(MARK_STAGE);
  runStage(CONVERSION_STAGE);
  return { text: current, steps };
}

/** The fixer name of the step that decodes input bytes; it can only stand first in a plan. */
export const DECODE_INPUT = 'decodeInput';

/**
 * Replay a plan on the original input (text, or bytes when the plan starts with a decode step).
 * Throws on a fixer name it does not know.
 */
export function applyPlan(original: string | Uint8Array, plan: readonly Step[]): string {
  let text: string;
  let rest = plan;
  if (typeof original === 'string') {
    text = original;
  } else {
    const [first, ...others] = plan;
    if (first?.fixer !== DECODE_INPUT) throw new TypeError('a plan for bytes must start with a decodeInput step');
    text = decodeDocument(original.subarray(Number(first.params['skip'] ?? 0)), String(first.params['encoding'])).text;
    rest = others;
  }
  for (const step of rest) {
    if (step.fixer === DECODE_INPUT) throw new TypeError('decodeInput can only be the first step of a plan');
    text = getFixer(step.fixer)(text, step.params);
  }
  return text;
}
