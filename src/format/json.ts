import type { FileResult } from './result.js';

/** One JSON object per input: where it came from, how it was decoded, the text and every step. */
export function formatJson(result: FileResult): string {
  const { path, encoding, confidence, text, steps } = result;
  return `${JSON.stringify({ path, encoding, confidence, text, steps }, null, 2)}\n`;
}
