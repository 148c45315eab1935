#!/usr/bin/env node
// Classical Chinese, clean: Debian's fortunes-zh (the Book of Songs, the Analects, Laozi, Tang and
// Song verse ... under /usr/share/games/fortunes), whose characters a modern word list finds rare.
// Each fortune is repaired as a document and each line alone, web debris left on one side (its
// no-break spaces next to Chinese become spaces by design); prints how many change, and with
// SHOW=n the first n changed lines of each file.
//   apt-get install fortunes-zh
//   node bench/classical.mjs
//   COMPARE=/path/to/other/dist node bench/classical.mjs   (another build beside this one)
import { readFileSync } from 'node:fs';
import { builds, changedColumns } from './_builds.mjs';

const FILES = ['chinese', 'song100', 'tang300'];
const show = Number(process.env.SHOW ?? 0);
const options = { fixWebDebris: false };

console.log(`| file | unit | count | ${changedColumns.header} |`);
console.log(`| --- | --- | ---: | ${changedColumns.rule} |`);
for (const file of FILES) {
  const text = readFileSync(`/usr/share/games/fortunes/${file}`, 'utf8');
  const units = {
    fortunes: text.split('\n%\n'),
    lines: text.split('\n').filter((line) => /[^\u0000-\u007F]/.test(line)),
  };
  for (const [unit, texts] of Object.entries(units)) {
    const changed = builds.map(() => 0);
    for (const original of texts) {
      builds.forEach((build, i) => {
        const repaired = build(original, options).text;
        if (repaired === original) return;
        changed[i] += 1;
        if (unit === 'lines' && i === builds.length - 1 && changed[i] <= show) console.error(`${file}: ${original.trim()} -> ${repaired.trim()}`);
      });
    }
    console.log(`| ${file} | ${unit} | ${texts.length} | ${changed.join(' | ')} |`);
  }
}
