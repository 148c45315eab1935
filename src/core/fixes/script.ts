// Script conversion (`--to`) with OpenCC's dictionaries from opencc-js. The dictionaries are large,
// so they are loaded on first use, synchronously (Node >= 20.19 can require an ES module), and only
// the preset that the chosen direction needs.
import { createRequire } from 'node:module';
import { Changes, registerFixer, type StepParams } from '../plan.js';
import type { ScriptTarget } from '../options.js';

// opencc-js's bundled .d.ts files use extension-less relative imports, which TypeScript rejects
// under `moduleResolution: nodenext` (TS2834). These few lines declare what fixnews uses.
interface OpenccConverterOptions {
  from: string;
  to: string;
}
type OpenccBuilder = (preset: unknown) => (options: OpenccConverterOptions) => (text: string) => string;

const requireModule = createRequire(import.meta.url);

const DIRECTIONS: Readonly<Record<ScriptTarget, { preset: string; from: string; to: string }>> = {
  simplified: { preset: 't2cn', from: 't', to: 'cn' },
  traditional: { preset: 'cn2t', from: 'cn', to: 't' },
  taiwan: { preset: 'cn2t', from: 'cn', to: 'twp' },
  hongkong: { preset: 'cn2t', from: 'cn', to: 'hk' },
};

const converters = new Map<ScriptTarget, (text: string) => string>();

function converterFor(target: ScriptTarget): (text: string) => string {
  let convert = converters.get(target);
  if (!convert) {
    const { preset, from, to } = DIRECTIONS[target];
    const core = requireModule('opencc-js/core') as { ConverterBuilder: OpenccBuilder };
    const locale = requireModule(`opencc-js/preset/${preset}`) as unknown;
    convert = core.ConverterBuilder(locale)({ from, to });
    converters.set(target, convert);
  }
  return convert;
}

/**
 * Convert the script of `text` to `params.to` (`simplified`, `traditional`, `taiwan`, `hongkong`).
 *
 * @example
 * convertScript('市政協五屆二次會議', { to: 'simplified' }) // '市政协五届二次会议'
 */
export function convertScript(text: string, params: StepParams, changes?: Changes): string {
  const target = params['to'] as ScriptTarget;
  const converted = converterFor(target)(text);
  if (changes && converted !== text) noteCharacterChanges(text, converted, changes);
  return converted;
}
registerFixer('convertScript', convertScript);

// Conversion maps a phrase to one of the same length almost always; where it did not, the
// change is noted once at the first difference rather than aligned.
function noteCharacterChanges(before: string, after: string, changes: Changes): void {
  if (before.length !== after.length) {
    let i = 0;
    while (before.charCodeAt(i) === after.charCodeAt(i)) i += 1;
    changes.note(i);
    return;
  }
  for (let i = 0; i < before.length; i += 1) {
    if (before.charCodeAt(i) !== after.charCodeAt(i)) changes.note(i);
  }
}
