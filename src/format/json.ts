// The JSON record of one input, as described by schema/result.schema.json.
import { parseArticle, type Article } from '../core/article.js';
import { detectScript } from '../core/_opencc.js';
import type { Step } from '../core/plan.js';
import { computeChanges, type Change } from './_changes.js';
import type { FileResult } from './result.js';

export interface JsonRecord {
  readonly input: string;
  readonly encoding: { readonly name: string; readonly confidence: number };
  readonly script: 'simplified' | 'traditional' | 'mixed' | null;
  readonly article: Article;
  readonly text: string;
  readonly steps: readonly Step[];
  /** Differences between decoded input and output, or null for a document changed almost everywhere. */
  readonly changes: readonly Change[] | null;
  readonly statistics: {
    /** Places changed by each fixer that changed something. */
    readonly repairsByFixer: Readonly<Record<string, number>>;
    /** Characters of the input that differ in the output (null without a change list). */
    readonly changedCharacters: number | null;
    /** Characters marked lost (U+FFFD) by the repair. */
    readonly lostCharacters: number;
    readonly encodingConfidence: number;
  };
}

const LOST = /\uFFFD/g;

export function toRecord(result: FileResult): JsonRecord {
  const changes = computeChanges(result.original, result.text);
  const repairsByFixer: Record<string, number> = {};
  for (const step of result.steps) {
    if (step.kind !== 'decode') repairsByFixer[step.fixer] = (repairsByFixer[step.fixer] ?? 0) + step.count;
  }
  const lost = (result.text.match(LOST) ?? []).length - (result.original.match(LOST) ?? []).length;
  return {
    input: result.path,
    encoding: { name: result.encoding, confidence: result.confidence },
    script: detectScript(result.text),
    article: parseArticle(result.text),
    text: result.text,
    steps: result.steps,
    changes,
    statistics: {
      repairsByFixer,
      changedCharacters: changes === null ? null : changes.reduce((n, change) => n + change.before.length, 0),
      lostCharacters: Math.max(0, lost),
      encodingConfidence: result.confidence,
    },
  };
}

/** One JSON object per input, indented for people. */
export function formatJson(result: FileResult): string {
  return `${JSON.stringify(toRecord(result), null, 2)}\n`;
}

/** One JSON object per line, for many inputs in one stream. */
export function formatJsonLines(result: FileResult): string {
  return `${JSON.stringify(toRecord(result))}\n`;
}
