// The builds a bench runs: this one, and with COMPARE=/path/to/other/dist another beside it
// (first), so that figures before and after a change come from one process.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repair } from '../dist/index.js';

export const compared = process.env.COMPARE;
const other = compared ? (await import(pathToFileURL(resolve(compared, 'index.js')).href)).repair : null;
/** The builds' repair functions, this build last. */
export const builds = other ? [other, repair] : [repair];

/** The header cells of a table's last column(s), one per build: `changed` (header) and its alignment row. */
export const changedColumns = {
  header: compared ? `changed, ${compared} | changed, this build` : 'changed',
  rule: compared ? '---: | ---:' : '---:',
};
