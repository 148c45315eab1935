// Every `@example` line in src/ of the form `expression // expected` is run here against the built
// module, so that the documentation cannot drift from the code (ftfy runs its doctests likewise).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as library from '../dist/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

interface Example {
  file: string;
  expression: string;
  expected: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function examplesIn(file: string): Example[] {
  const found: Example[] = [];
  for (const block of readFileSync(file, 'utf8').match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = block.split('\n').map((line) => line.replace(/^\s*\*\s?/, ''));
    let inExample = false;
    for (const line of lines) {
      if (line.startsWith('@')) inExample = line.startsWith('@example');
      else if (inExample && line.includes(' // ')) {
        const cut = line.lastIndexOf(' // ');
        found.push({ file, expression: line.slice(0, cut).trim(), expected: line.slice(cut + 4).trim() });
      }
    }
  }
  return found;
}

const examples = sourceFiles(SRC).flatMap(examplesIn);

describe('documentation examples', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((e) => [`${relative(SRC, e.file)}: ${e.expression}`, e] as const))('%s', async (_name, example) => {
    const built = example.file.replace(SRC, DIST).replace(/\.ts$/, '.js');
    const module = (await import(built)) as Record<string, unknown>;
    const scope: Record<string, unknown> = { ...library, ...module, Buffer };
    const evaluate = (code: string): unknown => new Function(...Object.keys(scope), `return (${code});`)(...Object.values(scope));
    expect(evaluate(example.expression)).toEqual(evaluate(example.expected));
  });
});
