// Explanations and replay. A repair is a list of steps; each names a registered fixer and the
// parameters it ran with, so that `applyPlan(original, steps)` reproduces the output exactly
// without redoing any detection (ftfy's `apply_plan`).

/** `decode`: bytes became text; `transcode`: bytes were edited; `encode`: text became bytes; `apply`: text to text. */
export type StepKind = 'encode' | 'decode' | 'transcode' | 'apply';

/** Parameters are plain JSON so that a plan can be stored and replayed later. */
export type StepParams = Readonly<Record<string, unknown>>;

export interface Step {
  readonly kind: StepKind;
  /** Registry key of the fixer that made this change. */
  readonly fixer: string;
  /** What the fixer needs to redo exactly this change. */
  readonly params: StepParams;
  /** What was done and why, for people. */
  readonly detail: string;
  /** How many places changed. */
  readonly count: number;
  /** UTF-16 offsets, in the text this step received, of the first places changed (at most 20). */
  readonly where: readonly number[];
}

export const MAX_WHERE = 20;

/** Counts the places a fixer changed and keeps the offsets of the first few, so a long document's plan stays small. */
export class Changes {
  count = 0;
  readonly offsets: number[] = [];
  note(offset: number): void {
    this.count += 1;
    if (this.offsets.length < MAX_WHERE) this.offsets.push(offset);
  }
}

/**
 * A fixer is a pure text-to-text function, deterministic given its parameters. It notes the
 * offsets of what it changed, in the text it received, when given a `Changes`.
 */
export type Fixer = (text: string, params: StepParams, changes?: Changes) => string;

const registry = new Map<string, Fixer>();

/** Register a fixer under its own function name; called once by each fixer module. */
export function registerFixer(name: string, fixer: Fixer): void {
  if (registry.has(name)) throw new Error(`fixer registered twice: ${name}`);
  registry.set(name, fixer);
}

export function getFixer(name: string): Fixer {
  const fixer = registry.get(name);
  if (!fixer) throw new Error(`unknown fixer in plan: ${name}`);
  return fixer;
}

/** Replacements decided by a search: `[start, end, text]`, in order, not overlapping. */
export type Replacements = readonly (readonly [number, number, string])[];

/** Apply `params.replacements`: the replay of every fixer whose search decides replacements. */
export function applyReplacements(text: string, params: StepParams, changes?: Changes): string {
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of params['replacements'] as Replacements) {
    out += text.slice(at, start) + replacement;
    at = end;
    changes?.note(start);
  }
  return out + text.slice(at);
}
