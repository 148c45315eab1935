// Colour for stderr: off with --no-color, NO_COLOR, TERM=dumb or a stderr that is not a terminal;
// on with --color or FORCE_COLOR. Stricter than chalk's own detection, which looks at stdout.
// chalk is loaded only when colour is on.
import type { ChalkInstance } from 'chalk';
import { requireModule } from '../core/_lazy.js';

export type Paint = Pick<ChalkInstance, 'red' | 'yellow' | 'bold' | 'cyan' | 'green'>;

const plain = (text: string): string => text;
const NO_PAINT: Paint = { red: plain, yellow: plain, bold: plain, cyan: plain, green: plain } as unknown as Paint;

export function colorEnabled(flag: boolean | undefined, env: NodeJS.ProcessEnv, stderrIsTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  return stderrIsTTY && env['TERM'] !== 'dumb';
}

export function makePaint(enabled: boolean): Paint {
  if (!enabled) return NO_PAINT;
  const { Chalk } = requireModule('chalk') as { Chalk: new (options: { level: 1 }) => ChalkInstance };
  return new Chalk({ level: 1 });
}
