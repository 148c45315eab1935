#!/usr/bin/env node
// Mojibake engine accuracy: every damage family of scripts/damage.mjs, one to three layers, on
// paragraphs of real Chinese prose; and false repairs on the same paragraphs left clean.
//   node bench/engine-accuracy.mjs [paragraph file] [max paragraphs]
// Tune on .corpus/*.tune.txt, report on .corpus/*.report.txt (scripts/extract-corpus.mjs).
import { readFileSync } from 'node:fs';
import { repair } from '../dist/index.js';
import { DAMAGES, layered } from '../scripts/damage.mjs';

const file = process.argv[2] ?? '.corpus/zh-cn.tune.txt';
const limit = Number(process.argv[3] ?? 300);
const all = readFileSync(file, 'utf8').split('\n').filter((line) => line.length >= 8);
const step = Math.max(1, Math.floor(all.length / limit));
const paragraphs = all.filter((_, i) => i % step === 0).slice(0, limit);
const options = { punct: 'keep', keepGlosses: true };
const show = process.env.SHOW ? Number(process.env.SHOW) : 0;

let touched = 0;
const started = performance.now();
for (const text of paragraphs) {
  if (repair(text, options).text !== text) {
    touched += 1;
    if (show) console.error('CLEAN CHANGED', text, '=>', repair(text, options).text);
  }
}
console.log(`${file}: ${paragraphs.length} paragraphs`);
console.log(`clean paragraphs changed: ${touched} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
console.log('| damage | layers | lossless cases | repaired exactly | left unchanged | wrong |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, damage] of Object.entries(DAMAGES)) {
  for (const layers of [1, 2, 3]) {
    let cases = 0;
    let exact = 0;
    let unchanged = 0;
    let shown = 0;
    for (const text of paragraphs) {
      const damaged = layered(damage, layers)(text);
      if (damaged === null || damaged === text) continue;
      cases += 1;
      const fixed = repair(damaged, options).text;
      if (fixed === text) exact += 1;
      else if (fixed === damaged) unchanged += 1;
      else if (shown++ < show) console.error(name, layers, '\n  ', text, '\n  ', fixed);
    }
    console.log(`| ${name} | ${layers} | ${cases} | ${exact} | ${unchanged} | ${cases - exact - unchanged} |`);
  }
}
