#!/usr/bin/env node
// Clean text nobody tuned on: the translated manual pages Debian ships (manpages-zh, manpages-ja,
// manpages-de ... installed under /usr/share/man/LANG), each page repaired whole as a user would
// run it, with default options. Prints how many pages change per language and, with SHOW=1, what
// changed. A change is not always a false repair: a few pages hold real damage (mojibake in the
// Spanish fakeroot pages, GBK decoded out of step in the Chinese iptables page), which the
// listing shows for a reader to judge.
//   apt-get install manpages-zh manpages-ja manpages-de ...
//   node bench/manpages.mjs [LANG ...]        (default: every language installed)
//   COMPARE=/path/to/other/dist node bench/manpages.mjs ja   (another build beside this one)
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { builds, changedColumns } from './_builds.mjs';

const ROOT = '/usr/share/man';
const show = Boolean(process.env.SHOW);
const isLanguage = (name) => /^[a-z]{2}(_[A-Z]{2})?$/.test(name);
const languages = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(ROOT).filter(isLanguage);

const list = (dir) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** The pages of a language that are UTF-8 and hold something beyond ASCII. */
function* pagesOf(language) {
  for (const section of list(`${ROOT}/${language}`)) {
    for (const file of list(`${ROOT}/${language}/${section}`)) {
      if (!file.endsWith('.gz')) continue;
      const text = gunzipSync(readFileSync(`${ROOT}/${language}/${section}/${file}`)).toString('utf8');
      if (!text.includes('\uFFFD') && /[^\u0000-\u007F]/.test(text)) yield [`${section}/${file}`, text];
    }
  }
}

console.log(`| language | pages | ${changedColumns.header} |`);
console.log(`| --- | ---: | ${changedColumns.rule} |`);
for (const language of languages) {
  let pages = 0;
  const changed = builds.map(() => 0);
  for (const [name, text] of pagesOf(language)) {
    pages += 1;
    builds.forEach((build, i) => {
      const result = build(text);
      if (result.text === text) return;
      changed[i] += 1;
      if (show && i === builds.length - 1) {
        for (const step of result.steps) console.error(`${language}/${name}: ${step.fixer}: ${step.detail}`);
      }
    });
  }
  if (pages > 0) console.log(`| ${language} | ${pages} | ${changed.join(' | ')} |`);
}
