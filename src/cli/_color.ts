// Colour for stderr: off with --no-color, NO_COLOR, TERM=dumb or a stderr that is not a terminal;
// on with --color or FORCE_COLOR. Stricter than chalk's own detection, which looks at stdout.
import { Chalk, type ChalkInstance } from 'chalk';

export function makeChalk(flag: boolean | undefined, env: NodeJS.ProcessEnv, stderrIsTTY: boolean): ChalkInstance {
  let enabled: boolean;
  if (flag !== undefined) enabled = flag;
  else if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') enabled = false;
  else if (env['FORCE_COLOR'] !== undefined) enabled = env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  else enabled = stderrIsTTY && env['TERM'] !== 'dumb';
  return new Chalk({ level: enabled ? 1 : 0 });
}
