import type { FileResult } from './result.js';

// Characters that Markdown would read as syntax at any position in a line.
const INLINE_SPECIALS = /[\\`*_[\]<>|~]/g;
// Characters that start a block construct only at the start of a line.
const BLOCK_START = /^(\s*)([#>+-]|\d+[.)])/;

/**
 * Escape text so that Markdown renders it exactly as written.
 *
 * @example
 * escapeMarkdown('# 1. *重要*') // '\\# 1. \\*重要\\*'
 */
export function escapeMarkdown(line: string): string {
  return line.replace(INLINE_SPECIALS, (c) => `\\${c}`).replace(BLOCK_START, (_m, space: string, mark: string) => {
    return `${space}${mark.replace(/([#>+\-.)])$/, '\\$1')}`;
  });
}

/** Markdown: front matter with the metadata, then each non-empty line as a paragraph. */
export function formatMarkdown(result: FileResult): string {
  const paragraphs = result.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(escapeMarkdown);
  const front = ['---', `source: ${JSON.stringify(result.path)}`, `encoding: ${result.encoding}`, `repairs: ${result.steps.length}`, '---'];
  return `${front.join('\n')}\n\n${paragraphs.join('\n\n')}\n`;
}
