#!/usr/bin/env node
// Mojibake engine accuracy: every damage family of scripts/damage.mjs, one to three layers, on
// paragraphs of real Chinese prose, on a few characters inside them, and two different families
// stacked; and false repairs on the same paragraphs left clean.
//   node bench/engine-accuracy.mjs [paragraph file] [max paragraphs]
// Tune on .corpus/*.tune.txt, report on .corpus/*.report.txt (scripts/extract-corpus.mjs); prose
// of other subjects: fixtures/corpus/news-zh-*.txt (news-style lines written here), or a manual
// (scripts/manual-prose.mjs). EVERY_PLACE=1 damages spans at every place (see below).
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

// The same damage on a few characters inside a clean paragraph (a field pasted from elsewhere):
// the repair must find the span's edges and leave the rest byte for byte.
console.log('\nA span of 2, 4 or 8 characters damaged inside each paragraph (one layer):\n');
console.log('| damage | span | lossless cases | repaired exactly | left unchanged | wrong |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
// EVERY_PLACE=1: every place in each paragraph, not one picked (for a few paragraphs: slow).
const everyPlace = process.env.EVERY_PLACE === '1';
let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
/** `damage` on `length` characters at a place `pick` chooses inside each paragraph: how the repairs fare. */
function spanCases(damage, length, pick = random) {
  let cases = 0;
  let exact = 0;
  let unchanged = 0;
  for (const text of paragraphs) {
    const chars = [...text];
    if (chars.length < length + 4) continue;
    const places = everyPlace ? Array.from({ length: chars.length - length + 1 }, (_, at) => at) : [Math.floor(pick() * (chars.length - length))];
    for (const at of places) {
      const span = chars.slice(at, at + length).join('');
      const damagedSpan = damage(span);
      if (damagedSpan === null || damagedSpan === span) continue;
      const damaged = chars.slice(0, at).join('') + damagedSpan + chars.slice(at + length).join('');
      cases += 1;
      const fixed = repair(damaged, options).text;
      if (fixed === text) exact += 1;
      else if (fixed === damaged) unchanged += 1;
    }
  }
  return { cases, exact, unchanged, wrong: cases - exact - unchanged };
}
for (const [name, damage] of Object.entries(DAMAGES)) {
  for (const length of [2, 4, 8]) {
    const { cases, exact, unchanged, wrong } = spanCases(damage, length);
    console.log(`| ${name} | ${length} | ${cases} | ${exact} | ${unchanged} | ${wrong} |`);
  }
}

// Two different families stacked (the text damaged by one, then what that made by another: 氓聫聵
// is 变 read as Latin-1 and then as GBK), both layers lossless and changing something.
const stackedPairs = Object.entries(DAMAGES).flatMap(([first, firstDamage]) =>
  Object.entries(DAMAGES)
    .filter(([then]) => then !== first)
    .map(([then, thenDamage]) => {
      const stacked = (text) => {
        const once = firstDamage(text);
        const damaged = once === null || once === text ? null : thenDamage(once);
        return damaged === once ? null : damaged;
      };
      return { first, then, stacked };
    }),
);

// Whole paragraphs; pairs with no such case are left out.
console.log('\nTwo different families stacked, whole paragraphs:\n');
console.log('| first damage | then | lossless cases | repaired exactly | left unchanged | wrong |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const { first, then, stacked } of stackedPairs) {
  let cases = 0;
  let exact = 0;
  let unchanged = 0;
  for (const text of paragraphs) {
    const damaged = stacked(text);
    if (damaged === null) continue;
    cases += 1;
    const fixed = repair(damaged, options).text;
    if (fixed === text) exact += 1;
    else if (fixed === damaged) unchanged += 1;
  }
  if (cases > 0) console.log(`| ${first} | ${then} | ${cases} | ${exact} | ${unchanged} | ${cases - exact - unchanged} |`);
}

// The same pairs on a few characters inside a clean paragraph: the edges of the outer layer's span
// must also be those of the layer under it.
console.log('\nTwo different families stacked on a span of 2, 4 or 8 characters (cases / exact / unchanged / wrong):\n');
console.log('| first damage | then | 2 characters | 4 characters | 8 characters |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const { first, then, stacked } of stackedPairs) {
  const rows = [2, 4, 8].map((length) => spanCases(stacked, length));
  if (rows.some(({ cases }) => cases > 0)) {
    console.log(`| ${first} | ${then} | ${rows.map(({ cases, exact, unchanged, wrong }) => `${cases} / ${exact} / ${unchanged} / ${wrong}`).join(' | ')} |`);
  }
}

// One character (a name, a term) damaged alone: where it became two Latin-1 signs, only the text
// around says it is damage. Its own choice of places, so that the tables above stay comparable.
console.log('\nOne character damaged inside each paragraph (one layer):\n');
console.log('| damage | lossless cases | repaired exactly | left unchanged | wrong |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let oneSeed = 13;
const pickOne = () => (oneSeed = (oneSeed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (const [name, damage] of Object.entries(DAMAGES)) {
  const { cases, exact, unchanged, wrong } = spanCases(damage, 1, pickOne);
  if (cases > 0) console.log(`| ${name} | ${cases} | ${exact} | ${unchanged} | ${wrong} |`);
}

// A document gathered from several sources: consecutive paragraphs, each damaged by another
// family in turn (one layer) or left clean, repaired as one text. Each paragraph must come back as
// its own, whichever family the rest of the document holds most of.
console.log('\nDocuments whose paragraphs are damaged by different families (each family in turn, and clean ones):\n');
console.log('| document | paragraphs | damaged | clean | repaired exactly (damaged) | clean ones changed |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const families = Object.values(DAMAGES);
const turns = families.length + 2;
let [mixedTotal, mixedDamaged, mixedExact, mixedClean, mixedCleanChanged] = [0, 0, 0, 0, 0];
for (let first = 0; first + turns <= paragraphs.length; first += turns) {
  for (let offset = 0; offset < turns; offset += 1) {
    const parts = paragraphs.slice(first, first + turns).map((text, i) => {
      const family = families[(i + offset) % turns];
      const damaged = family ? family(text) : null;
      return { text, damaged: damaged === null || damaged === text ? null : damaged };
    });
    const fixed = repair(parts.map(({ text, damaged }) => damaged ?? text).join('\n'), options).text.split('\n');
    parts.forEach(({ text, damaged }, i) => {
      mixedTotal += 1;
      if (damaged === null) {
        mixedClean += 1;
        if (fixed[i] !== text) mixedCleanChanged += 1;
        return;
      }
      mixedDamaged += 1;
      if (fixed[i] === text) mixedExact += 1;
      else if (show) console.error('MIXED', '\n  ', text, '\n  ', fixed[i]);
    });
  }
}
console.log(`| ${turns} paragraphs, every rotation | ${mixedTotal} | ${mixedDamaged} | ${mixedClean} | ${mixedExact} | ${mixedCleanChanged} |`);
