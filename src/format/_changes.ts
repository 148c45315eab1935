// The character-level differences between the decoded input and the output, with positions in
// both. Diffing is quadratic in the number of edits, so a document changed almost everywhere
// (a script conversion of a long text) gets no list rather than a slow one.
import { diffChars } from 'diff';

export interface Change {
  /** UTF-16 offsets [start, end) in the decoded input. */
  readonly input: readonly [number, number];
  /** UTF-16 offsets [start, end) in the output. */
  readonly output: readonly [number, number];
  readonly before: string;
  readonly after: string;
}

/** Edits beyond which no change list is made. */
export const MAX_EDITS = 20_000;

export function computeChanges(original: string, text: string): Change[] | null {
  if (original === text) return [];
  const parts = diffChars(original, text, { maxEditLength: MAX_EDITS });
  if (!parts) return null;
  const changes: Change[] = [];
  let inputAt = 0;
  let outputAt = 0;
  let open: { inputStart: number; outputStart: number; before: string; after: string } | null = null;
  const close = (): void => {
    if (open) {
      changes.push({
        input: [open.inputStart, open.inputStart + open.before.length],
        output: [open.outputStart, open.outputStart + open.after.length],
        before: open.before,
        after: open.after,
      });
      open = null;
    }
  };
  for (const part of parts) {
    if (!part.added && !part.removed) {
      close();
      inputAt += part.value.length;
      outputAt += part.value.length;
      continue;
    }
    open ??= { inputStart: inputAt, outputStart: outputAt, before: '', after: '' };
    if (part.removed) {
      open.before += part.value;
      inputAt += part.value.length;
    } else {
      open.after += part.value;
      outputAt += part.value.length;
    }
  }
  close();
  return changes;
}
