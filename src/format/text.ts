import type { FileResult } from './result.js';

/** Plain text: the repaired text exactly, with its own line endings. */
export function formatText(result: FileResult): string {
  return result.text;
}
