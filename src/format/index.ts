// Output formats by name. Each takes one input's result and returns the text to write. All but
// plain text are loaded when first used: they pull in the article parser and the diff library,
// which a plain repair does not need at start-up.
import { createRequire } from 'node:module';
import { formatText } from './text.js';
import type { FileResult } from './result.js';
import type { formatDiff as FormatDiff } from './diff.js';

export type FormatName = 'text' | 'json' | 'jsonl' | 'markdown';

type Format = (result: FileResult) => string;

const requireHere = createRequire(import.meta.url);

/** A function of a format module, loaded when first called. */
function loaded<F extends (...args: never[]) => string>(path: string, name: string): F {
  return ((...args: Parameters<F>) => ((requireHere(path) as Record<string, F>)[name] as F)(...args)) as F;
}

export const FORMATS: Readonly<Record<FormatName, { format: Format; extension: string | null }>> = {
  text: { format: formatText, extension: null },
  json: { format: loaded<Format>('./json.js', 'formatJson'), extension: '.json' },
  jsonl: { format: loaded<Format>('./json.js', 'formatJsonLines'), extension: '.jsonl' },
  markdown: { format: loaded<Format>('./markdown.js', 'formatMarkdown'), extension: '.md' },
};

/** The character diff of `--diff` (see diff.ts). */
export const formatDiff = loaded<typeof FormatDiff>('./diff.js', 'formatDiff');
