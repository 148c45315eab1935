#!/usr/bin/env node
// The seed article's whole pipeline on prose nobody tuned on: Simplified paragraphs converted to
// Traditional (OpenCC s2t), a pinyin gloss after every third character, full-width punctuation
// flattened to ASCII on the GBK bytes (scripts/damage.mjs gbkBytePunctuationDamage: across
// character boundaries too, decoded out of step), then the document repaired whole with
// `--to simplified`. Counts paragraphs that come back exactly and the character error rate.
//   node bench/seed-like.mjs [.corpus/zh-cn.report.txt] [paragraphs] [decoder]
// decoder: `swallowing` (default, the seed's: ? for a lead byte, a digit after it swallowed) or
// `replacing` (browsers: U+FFFD, the ASCII byte after it given back). Paragraphs that hold ASCII
// punctuation of their own are left out: the repair widens it, as the damage says it should.
import { readFileSync } from 'node:fs';
import OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { repair } from '../dist/index.js';
import { editDistance, gbkBytePunctuationDamage } from '../scripts/damage.mjs';

const file = process.argv[2] ?? '.corpus/zh-cn.report.txt';
const limit = Number(process.argv[3] ?? 400);
const decoder = process.argv[4] ?? 'swallowing';
const show = Number(process.env.SHOW ?? 0);
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
const HAN = /\p{Script=Han}/u;
const FLATTENED = { '，': ',', '（': '(', '）': ')', '：': ':', '；': ';', '！': '!', '？': '?' };

const paragraphs = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.length > 8 && HAN.test(line) && !/[,():;!?]/.test(line))
  .slice(0, limit);
const damaged = paragraphs.map((paragraph) => {
  const simplified = [...paragraph];
  const glossed = [...toTraditional(paragraph)].map((char, i) => (HAN.test(char) && i % 3 === 1 ? `${char}(${pinyin(simplified[i] ?? char)})` : char)).join('');
  return gbkBytePunctuationDamage(glossed, decoder) ?? glossed.replace(/[，（）：；！？]/g, (mark) => FLATTENED[mark]);
});
const started = performance.now();
const repaired = repair(damaged.join('\n'), { to: 'simplified' }).text.split('\n');
const seconds = (performance.now() - started) / 1000;
let exact = 0;
let errors = 0;
let characters = 0;
let shown = 0;
paragraphs.forEach((paragraph, i) => {
  characters += paragraph.length;
  const distance = editDistance(paragraph, repaired[i] ?? '');
  errors += distance;
  if (distance === 0) exact += 1;
  else if (shown++ < show) console.error(`  ${paragraph}\n  ${damaged[i]}\n  ${repaired[i]}\n`);
});
console.log(`${file}, ${decoder} decoder: ${paragraphs.length} paragraphs in one document, repaired in ${seconds.toFixed(1)} s`);
console.log(`repaired exactly: ${exact} (${((exact / paragraphs.length) * 100).toFixed(1)}%)`);
console.log(`character error rate: ${((errors / characters) * 100).toFixed(2)}%`);
