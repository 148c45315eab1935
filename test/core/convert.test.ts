// The script converter gives exactly what opencc-js gives for each configuration fixnews uses,
// on real prose and on generated strings made of dictionary keys (where longest-match, segment
// and chain decisions are densest).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONVERSIONS, openccDictionary, scriptConverter, type ConversionName } from '../../dist/core/_opencc.js';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261127) });

const require = createRequire(import.meta.url);
type Convert = (text: string) => string;
const core = require('opencc-js/core') as { ConverterBuilder: (preset: unknown) => (options: { from: string; to: string }) => Convert };
const fromTraditional = core.ConverterBuilder(require('opencc-js/preset/t2cn'));
const fromSimplified = core.ConverterBuilder(require('opencc-js/preset/cn2t'));
const REFERENCE: Record<ConversionName, Convert> = {
  t2s: fromTraditional({ from: 't', to: 'cn' }),
  s2t: fromSimplified({ from: 'cn', to: 't' }),
  s2twp: fromSimplified({ from: 'cn', to: 'twp' }),
  s2hk: fromSimplified({ from: 'cn', to: 'hk' }),
};

const sample = (name: string): string => readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8');
const prose = sample('zh-cn.sample.txt') + sample('zh-tw.sample.txt');

// Keys of every dictionary a configuration reads, and a few characters around them.
const pieces = (name: ConversionName): string[] => {
  const { normalization, chain, ...rest } = CONVERSIONS[name] as { normalization: readonly string[]; chain: readonly (readonly string[])[]; segmentation?: readonly string[] };
  const names = new Set([...normalization, ...chain.flat(), ...(rest.segmentation ?? [])]);
  const keys = [...names].flatMap((dictionary) => [...openccDictionary(dictionary).keys()].filter((_, i) => i % 23 === 0));
  return [...keys, '，', ' ', 'a', '⿰氵每', '𠀀', '\n'];
};

describe('script converter', () => {
  for (const name of Object.keys(REFERENCE) as ConversionName[]) {
    it(`converts prose exactly as opencc-js does (${name})`, () => {
      expect(scriptConverter(name)(prose)).toBe(REFERENCE[name](prose));
    });

    it(`converts strings of dictionary keys exactly as opencc-js does (${name})`, () => {
      const text = fc.array(fc.constantFrom(...pieces(name)), { maxLength: 30 }).map((parts) => parts.join(''));
      fc.assert(fc.property(text, (input) => scriptConverter(name)(input) === REFERENCE[name](input)), { numRuns: 300 });
    });
  }
});
