#!/usr/bin/env node
// Clean text nobody tuned on: Chinese manuals Debian ships as HTML (GIMP's help, the Debian Edu
// manual, LilyPond's documentation), each paragraph that holds Han repaired alone, web debris
// left on one side (entities are decoded here as a browser would). Prints how many paragraphs
// change per manual and, with SHOW=n, the first n changes.
//   apt-get install gimp-help-zh-cn debian-edu-doc-zh-cn lilypond-doc-html-zh
//   node bench/html-prose.mjs
//   COMPARE=/path/to/other/dist node bench/html-prose.mjs   (another build beside this one)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { builds, changedColumns } from './_builds.mjs';

// Each manual: its folder, and what the name of a page in Chinese ends with.
const MANUALS = [
  ['gimp-help-zh-cn', '/usr/share/gimp/2.0/help/zh_CN', '.html'],
  ['debian-edu-doc-zh-cn', '/usr/share/doc/debian-edu-doc-zh-cn', '.html'],
  ['lilypond-doc-html-zh', '/usr/share/doc/lilypond/html', '.zh.html'],
];
const show = Number(process.env.SHOW ?? 0);
const options = { fixWebDebris: false };
const BLOCK = /<(p|h[1-6]|li|td|dd|dt|pre)\b[^>]*>[\s\S]*?<\/\1>/gi;

function pagesUnder(folder, ending) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

console.log(`| manual | paragraphs | characters | ${changedColumns.header} |`);
console.log(`| --- | ---: | ---: | ${changedColumns.rule} |`);
let shown = 0;
for (const [name, folder, ending] of MANUALS) {
  if (!existsSync(folder)) {
    console.log(`| ${name} | not installed | | |`);
    continue;
  }
  let paragraphs = 0;
  let characters = 0;
  const changed = builds.map(() => 0);
  for (const page of pagesUnder(folder, ending)) {
    const html = readFileSync(page, 'utf8').replace(/<(script|style)[\s\S]*?<\/\1>/gi, '');
    for (const block of html.match(BLOCK) ?? []) {
      const text = decodeHTML(block.replace(/<[^>]+>/g, '')).replace(/[ \t]+/g, ' ').trim();
      if (!/\p{Script=Han}/u.test(text)) continue;
      paragraphs += 1;
      characters += text.length;
      builds.forEach((build, i) => {
        const repaired = build(text, options).text;
        if (repaired === text) return;
        changed[i] += 1;
        if (i === builds.length - 1 && shown++ < show) console.error(`${name}: ${text}\n  -> ${repaired}`);
      });
    }
  }
  console.log(`| ${name} | ${paragraphs} | ${characters} | ${changed.join(' | ')} |`);
}
