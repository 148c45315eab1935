// What a formatter receives for one input: where it came from, what it was, and its repair.
import type { Step } from '../core/plan.js';

export interface FileResult {
  /** `-` for stdin. */
  readonly path: string;
  readonly encoding: string;
  readonly confidence: number;
  /** The input as decoded, before any repair. */
  readonly original: string;
  /** The repaired text. */
  readonly text: string;
  readonly steps: readonly Step[];
}

/** The steps that repaired damage, as opposed to decoding the input or converting the script on request. */
export function damageSteps(steps: readonly Step[]): Step[] {
  return steps.filter((step) => step.kind !== 'decode' && step.fixer !== 'convertScript');
}
