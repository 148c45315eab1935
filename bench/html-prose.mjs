#!/usr/bin/env node
// Clean text nobody tuned on: Chinese manuals Debian ships as HTML (those scripts/manual-prose.mjs
// lists: GIMP's help, the Debian Reference ...), each paragraph that holds Han repaired alone, web
// debris left on one side (entities are decoded here as a browser would). Prints how many paragraphs
// change per manual and, with SHOW=n, the first n changes.
//   apt-get install ... (the manuals scripts/manual-prose.mjs lists)
//   node bench/html-prose.mjs
//   COMPARE=/path/to/other/dist node bench/html-prose.mjs   (another build beside this one)
import { existsSync } from 'node:fs';
import { builds, changedColumns } from './_builds.mjs';
import { MANUALS, pagesUnder, paragraphsOf } from '../scripts/manual-prose.mjs';

const show = Number(process.env.SHOW ?? 0);
const options = { fixWebDebris: false };

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
    for (const text of paragraphsOf(page)) {
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
