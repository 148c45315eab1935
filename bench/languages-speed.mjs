#!/usr/bin/env node
// Throughput of repair on clean text in other languages than Chinese: the translated manual pages
// Debian installs (apt: manpages-fr manpages-de ...; read from /usr/share/man, nothing committed),
// the first 300 kB of each language's pages, the fastest of three runs. Clean text should cost
// little whatever its alphabet (issue 3's cheap gate).
//   node bench/languages-speed.mjs [LANG ...]
//   DAMAGED=windows-1252 node bench/languages-speed.mjs   (each sample's UTF-8 read through that
//   codec first, as a browser would: the commonest mojibake over a whole document; the last column
//   counts the lines this build's repair leaves unlike its repair of the clean sample)
//   COMPARE=/path/to/other/dist node bench/languages-speed.mjs   (another build beside this one,
//   taking turns in one process)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeWith } from '../dist/core/codecs.js';
import { builds, compared } from './_builds.mjs';

const MAN = '/usr/share/man';
const SAMPLE_BYTES = 300_000;
const RUNS = 3;
const damagedThrough = process.env.DAMAGED;
const languages = process.argv.length > 2 ? process.argv.slice(2) : ['fr', 'de', 'es', 'pt', 'pl', 'cs', 'hu', 'ro', 'vi', 'ru', 'uk', 'el', 'ja', 'zh_CN', 'zh_TW'];

/** The first SAMPLE_BYTES of a language's pages, as text; null when none is installed. */
function sample(language) {
  const root = join(MAN, language);
  if (!existsSync(root)) return null;
  const chunks = [];
  let bytes = 0;
  for (const section of readdirSync(root).filter((name) => name.startsWith('man')).sort()) {
    for (const page of readdirSync(join(root, section)).sort()) {
      if (!page.endsWith('.gz')) continue;
      const text = gunzipSync(readFileSync(join(root, section, page))).toString('utf8');
      chunks.push(text);
      bytes += Buffer.byteLength(text);
      if (bytes >= SAMPLE_BYTES) return chunks.join('\n');
    }
  }
  return chunks.length > 0 ? chunks.join('\n') : null;
}

for (const build of builds) build('warm up: é 中文 Ã©');
const header = compared ? `MB/s, ${compared} | MB/s, this build` : 'MB/s';
const exactColumn = damagedThrough ? ' lines unlike the clean repair |' : '';
console.log(`| language | kB | ${header} |${exactColumn}\n| --- | ---: | ${compared ? '---: | ---:' : '---:'} |${damagedThrough ? ' --- |' : ''}`);
for (const language of languages) {
  const clean = sample(language);
  if (clean === null) continue;
  const text = damagedThrough ? decodeWith(Buffer.from(clean), damagedThrough) : clean;
  const bytes = Buffer.byteLength(text);
  const best = builds.map(() => Infinity);
  let repaired = '';
  for (let run = 0; run < RUNS; run += 1) {
    builds.forEach((build, i) => {
      const start = performance.now();
      repaired = build(text).text;
      best[i] = Math.min(best[i], (performance.now() - start) / 1000);
    });
  }
  const speeds = best.map((seconds) => (bytes / 1e6 / seconds).toFixed(2)).join(' | ');
  const unlike = () => {
    const expected = builds[builds.length - 1](clean).text.split('\n');
    return ` ${repaired.split('\n').filter((line, i) => line !== expected[i]).length} of ${expected.length} |`;
  };
  console.log(`| ${language} | ${(bytes / 1000).toFixed(0)} | ${speeds} |${damagedThrough ? unlike() : ''}`);
}
