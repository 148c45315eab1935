#!/usr/bin/env node
// Chinese prose from manuals Debian ships as HTML (GIMP's help, the Debian Edu manual, LilyPond's
// documentation, the Debian Reference, the New Maintainers' Guide, the Debian FAQ): text nobody
// tuned on, of other subjects than the LibreOffice help. Used by bench/html-prose.mjs (clean
// text), and to write a manual's paragraphs one a line, for the accuracy benches
// (bench/engine-accuracy.mjs, bench/lossy-accuracy.mjs) on unseen prose:
//   apt-get install gimp-help-zh-cn debian-edu-doc-zh-cn lilypond-doc-html-zh debian-reference-zh-cn \
//     debian-reference-zh-tw maint-guide-zh-cn maint-guide-zh-tw debian-faq-zh-cn
//   node scripts/manual-prose.mjs debian-edu-doc-zh-cn .corpus/debian-edu.txt
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeHTML } from 'entities';

/** Each manual: its package, its folder, and what the name of a page in Chinese ends with. */
export const MANUALS = [
  ['gimp-help-zh-cn', '/usr/share/gimp/2.0/help/zh_CN', '.html'],
  ['debian-edu-doc-zh-cn', '/usr/share/doc/debian-edu-doc-zh-cn', '.html'],
  ['lilypond-doc-html-zh', '/usr/share/doc/lilypond/html', '.zh.html'],
  ['debian-reference-zh-cn', '/usr/share/debian-reference', '.zh-cn.html'],
  ['debian-reference-zh-tw', '/usr/share/debian-reference', '.zh-tw.html'],
  ['maint-guide-zh-cn', '/usr/share/doc/maint-guide-zh-cn/html', '.zh-cn.html'],
  ['maint-guide-zh-tw', '/usr/share/doc/maint-guide-zh-tw/html', '.zh-tw.html'],
  ['debian-faq-zh-cn', '/usr/share/doc/debian/FAQ/zh-cn', '.zh-cn.html'],
];
const BLOCK = /<(p|h[1-6]|li|td|dd|dt|pre)\b[^>]*>[\s\S]*?<\/\1>/gi;

/** The manual's pages in Chinese, in order. */
export function pagesUnder(folder, ending) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The text of each block of a page that holds Han (entities decoded as a browser would). */
export function paragraphsOf(page) {
  const html = readFileSync(page, 'utf8').replace(/<(script|style)[\s\S]*?<\/\1>/gi, '');
  return (html.match(BLOCK) ?? [])
    .map((block) => decodeHTML(block.replace(/<[^>]+>/g, '')).replace(/[ \t]+/g, ' ').trim())
    .filter((text) => /\p{Script=Han}/u.test(text));
}

/** Paragraphs with at least this many Han are prose enough to damage. */
const MIN_HAN = 10;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [name, out] = process.argv.slice(2);
  const manual = MANUALS.find(([own]) => own === name);
  if (!manual || !out) {
    console.error(`usage: node scripts/manual-prose.mjs ${MANUALS.map(([own]) => own).join('|')} OUT`);
    process.exit(2);
  }
  const seen = new Set();
  for (const page of pagesUnder(manual[1], manual[2])) {
    for (const text of paragraphsOf(page)) {
      const line = text.replace(/\s+/g, ' ');
      if ((line.match(/\p{Script=Han}/gu) ?? []).length >= MIN_HAN) seen.add(line);
    }
  }
  writeFileSync(out, `${[...seen].join('\n')}\n`);
  console.log(`${out}: ${seen.size} paragraphs`);
}
