// Corpus mode: JSON Lines in, JSON Lines out. One string field of each record (a dotted path,
// `text` or `doc.body`) is repaired; every other field and the order of records stay as they
// are. A line that is not a JSON object with that string field is passed through unchanged and
// reported, so one bad record never stops a corpus.
import { repair } from '../core/pipeline.js';
import { searchWorkFor } from '../core/fixes/gbk-misalignment.js';
import type { RepairOptions } from '../core/options.js';

export interface BadLine {
  /** 1-based line number. */
  readonly line: number;
  readonly reason: string;
}

export interface JsonLinesResult {
  readonly output: string;
  readonly records: number;
  /** Records whose field the repair changed. */
  readonly repaired: number;
  readonly bad: readonly BadLine[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Repair one field of every JSON Lines record.
 *
 * @example
 * repairJsonLines('{"id":1,"doc":{"body":"會(huì)議舉(jǔ)行"}}\n', 'doc.body').output // '{"id":1,"doc":{"body":"會議舉行"}}\n'
 */
export function repairJsonLines(text: string, field: string, options: Partial<RepairOptions> = {}): JsonLinesResult {
  const path = field.split('.');
  const bad: BadLine[] = [];
  let records = 0;
  let repaired = 0;
  const lines = text.split('\n');
  // The records share the search work that the whole text would get: many short records each
  // with a text's own allowance would make crafted records as slow as a text thousands of times
  // longer.
  const searchWork = searchWorkFor(text);
  const out = lines.map((line, index) => {
    if (line.trim() === '' && index === lines.length - 1) return line;
    const ending = line.endsWith('\r') ? '\r' : '';
    const body = ending ? line.slice(0, -1) : line;
    let record: Json;
    try {
      record = JSON.parse(body) as Json;
    } catch {
      bad.push({ line: index + 1, reason: 'not valid JSON' });
      return line;
    }
    records += 1;
    let holder: Json = record;
    for (const key of path.slice(0, -1)) {
      holder = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? (holder[key] ?? null) : null;
    }
    const last = path[path.length - 1] as string;
    const value = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? holder[last] : undefined;
    if (typeof value !== 'string') {
      bad.push({ line: index + 1, reason: `no string field ${field}` });
      return line;
    }
    const fixed = repair(value, options, searchWork).text;
    if (fixed === value) return line;
    repaired += 1;
    (holder as { [key: string]: Json })[last] = fixed;
    return JSON.stringify(record) + ending;
  });
  return { output: out.join('\n'), records, repaired, bad };
}
