// Markdown: YAML front matter with the metadata, the title as a heading, a byline, the paragraphs,
// and the editor; the article's own text is escaped so that it renders exactly as written.
import { parseArticle } from '../core/article.js';
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

// JSON strings are valid YAML double-quoted scalars, and JSON arrays valid flow sequences.
function yaml(value: unknown): string {
  return JSON.stringify(value);
}

export function formatMarkdown(result: FileResult): string {
  const article = parseArticle(result.text);
  const front = [
    '---',
    `title: ${yaml(article.title)}`,
    `source: ${yaml(article.source)}`,
    `reporters: ${yaml(article.reporters)}`,
    `date: ${yaml(article.date)}`,
    `editor: ${yaml(article.editor)}`,
    `input: ${yaml(result.path)}`,
    `encoding: ${yaml(result.encoding)}`,
    `repairs: ${result.steps.filter((step) => step.kind !== 'decode').length}`,
    '---',
  ];
  const blocks: string[] = [];
  if (article.title) blocks.push(`# ${escapeMarkdown(article.title)}`);
  const byline = [article.source, article.reporters.length > 0 ? `记者 ${article.reporters.join(' ')}` : null, article.date]
    .filter((part): part is string => part !== null)
    .join(' · ');
  if (byline) blocks.push(`*${escapeMarkdown(byline)}*`);
  blocks.push(...article.paragraphs.map(escapeMarkdown));
  if (article.editor) blocks.push(`责任编辑：${escapeMarkdown(article.editor)}`);
  return `${front.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}
