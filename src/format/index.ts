// Output formats by name. Each takes one input's result and returns the text to write.
import { formatJson, formatJsonLines } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';
import type { FileResult } from './result.js';

export type FormatName = 'text' | 'json' | 'jsonl' | 'markdown';

export const FORMATS: Readonly<Record<FormatName, { format: (result: FileResult) => string; extension: string | null }>> = {
  text: { format: formatText, extension: null },
  json: { format: formatJson, extension: '.json' },
  jsonl: { format: formatJsonLines, extension: '.jsonl' },
  markdown: { format: formatMarkdown, extension: '.md' },
};
