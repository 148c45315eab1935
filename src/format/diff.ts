// A character-level diff of input and output for people: each change with a little context, the
// removed text on a - line and the added text on a + line. With colour the changed parts are
// highlighted; without, a line of ^ marks them, aligned under wide (CJK) characters, which take
// two columns in a terminal.
import { eastAsianWidth } from 'get-east-asian-width';
import type { Paint } from '../cli/_color.js';
import { computeChanges, type Change } from './_changes.js';
import type { FileResult } from './result.js';

const CONTEXT = 6;
/** Changes closer than this are shown together. */
const MERGE_GAP = 8;

function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += eastAsianWidth(char.codePointAt(0) as number);
  return columns;
}

interface Hunk {
  readonly changes: Change[];
}

function hunks(changes: readonly Change[]): Hunk[] {
  const out: Hunk[] = [];
  for (const change of changes) {
    const last = out[out.length - 1];
    const previous = last?.changes[last.changes.length - 1];
    if (last && previous && change.input[0] - previous.input[1] < MERGE_GAP) last.changes.push(change);
    else out.push({ changes: [change] });
  }
  return out;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${line}:${column}`;
}

const visible = (text: string): string => text.replace(/\r/g, '\\r').replace(/\n/g, '↵');

/** Render one side of a hunk: context and changed parts, and the ^ marker line. */
function side(source: string, parts: readonly (readonly [number, number])[], paint: (text: string) => string): { line: string; marks: string } {
  const from = Math.max(0, (parts[0] as readonly [number, number])[0] - CONTEXT);
  const to = Math.min(source.length, (parts[parts.length - 1] as readonly [number, number])[1] + CONTEXT);
  let line = '';
  let marks = '';
  let at = from;
  for (const [start, end] of parts) {
    const context = visible(source.slice(at, start));
    const changed = visible(source.slice(start, end));
    line += context + paint(changed);
    marks += ' '.repeat(width(context)) + '^'.repeat(Math.max(1, width(changed)));
    at = end;
  }
  line += visible(source.slice(at, to));
  return { line: `${from > 0 ? '…' : ''}${line}${to < source.length ? '…' : ''}`, marks: `${from > 0 ? ' ' : ''}${marks}` };
}

export function formatDiff(result: FileResult, paint: Paint, colour: boolean): string {
  const changes = computeChanges(result.original, result.text);
  if (changes === null) return `${result.path}: too many changes for a character diff\n`;
  if (changes.length === 0) return '';
  const out: string[] = [];
  for (const hunk of hunks(changes)) {
    const first = hunk.changes[0] as Change;
    const removed = side(result.original, hunk.changes.map((c) => c.input), (t) => (colour ? paint.red(t) : t));
    const added = side(result.text, hunk.changes.map((c) => c.output), (t) => (colour ? paint.green(t) : t));
    out.push(paint.bold(`${result.path}:${lineAndColumn(result.original, first.input[0])}`));
    out.push(`- ${removed.line}`);
    if (!colour) out.push(`  ${removed.marks}`);
    out.push(`+ ${added.line}`);
    if (!colour) out.push(`  ${added.marks}`);
  }
  return `${out.join('\n')}\n`;
}
