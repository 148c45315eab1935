#!/usr/bin/env node
// Throughput of repair on adversarial and hopeless text (issue 5: at least 1 MB/s). Each input is
// about 1 MB (the damaged prose about 0.3 MB); the fastest of three runs counts.
//   node bench/adversarial.mjs [.corpus/zh-tw.tune.txt]
//   COMPARE=/path/to/other/dist node bench/adversarial.mjs  (another build beside this one, runs
//   taking turns in one process: the machine's drift, often 10-30%, falls on both alike)
import { readFileSync } from 'node:fs';
import { decodeWith } from '../dist/index.js';
import { builds, compared } from './_builds.mjs';
import { craftedGlossMarksLine, gbkBytePunctuationDamage, glossInsideCharacterDamage } from '../scripts/damage.mjs';

const file = process.argv[2] ?? '.corpus/zh-tw.tune.txt';
const prose = readFileSync(file, 'utf8').slice(0, 70_000);
// As browsers decode (fixnews's decoders: Node's TextDecoder reads Big5 and EUC-KR otherwise).
const lossy = (codec) => decodeWith(Buffer.from(prose), codec);
// Every paragraph the generator can damage, damaged (the seed's kinds, as dense as they get).
const everywhere = (damage) => prose.split('\n').map((paragraph) => damage(paragraph) ?? paragraph).join('\n');
const inputs = [
  ['? between Han', '?中'.repeat(250_000)],
  ['a run of ?', `中${'?'.repeat(1_000_000)}文`],
  ['U+FFFD between Han', '\uFFFD中'.repeat(170_000)],
  ['open parentheses', `會${'('.repeat(1_000_000)}`],
  ['glosses everywhere', '會(huì)'.repeat(110_000)],
  ['mojibake lead characters', 'Ã'.repeat(500_000)],
  ['entities without end', '&amp'.repeat(250_000)],
  ['UTF-8 read as GBK, bytes lost', lossy('gbk')],
  ['UTF-8 read as Big5, bytes lost', lossy('big5')],
  ['UTF-8 read as Shift_JIS, bytes lost', lossy('shift_jis')],
  ['UTF-8 read as EUC-KR, bytes lost', lossy('euc-kr')],
  ['GBK bytes edited across characters, every paragraph', everywhere(gbkBytePunctuationDamage)],
  ['a gloss inside a character, every paragraph', everywhere(glossInsideCharacterDamage)],
  ['lines of glossed marks, crafted', Array.from({ length: 5000 }, (_, n) => craftedGlossMarksLine(n)).join('\n')],
];
for (const build of builds) build(inputs[0][1].slice(0, 1000));
if (compared) {
  console.log(`| input | kB | seconds, ${compared} | seconds, this build | MB/s, this build |\n| --- | ---: | ---: | ---: | ---: |`);
} else console.log('| input | kB | seconds | MB/s |\n| --- | ---: | ---: | ---: |');
for (const [name, text] of inputs) {
  const best = builds.map(() => Infinity);
  for (let run = 0; run < 3; run += 1) {
    builds.forEach((build, i) => {
      const start = performance.now();
      build(text);
      best[i] = Math.min(best[i], (performance.now() - start) / 1000);
    });
  }
  const bytes = Buffer.byteLength(text);
  const own = best[best.length - 1];
  console.log(`| ${name} | ${(bytes / 1000).toFixed(0)} | ${best.map((s) => s.toFixed(2)).join(' | ')} | ${(bytes / 1e6 / own).toFixed(2)} |`);
}
