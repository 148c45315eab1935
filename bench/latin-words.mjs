#!/usr/bin/env node
// Foreign names and words in Chinese news: Latin-script words (and a Greek and a Russian one)
// whose UTF-8 was read through a CJK or a single-byte codec (as browsers read them: the CJK ones
// through iconv-lite, whose EUC-KR is cp949), inside Chinese sentences and a few Latin ones.
// Prints, per codec, how many come back exactly, how many are left as they were, and how many
// come out wrong; and how many of the same sentences, clean, are changed (they must not be).
//   node bench/latin-words.mjs
import { repair } from '../dist/index.js';
import iconv from 'iconv-lite';

const WORDS = [
  'café', 'München', 'Köln', 'señor', 'Dvořák', 'Zamò', 'voilà', 'garçon', 'naïve', 'Ærø', 'São Paulo', 'Kraków',
  'Škoda', 'Ελλάδα', 'Москва', 'İstanbul', 'Dråber', 'Bjørk', 'Łódź', 'Dziękuję', 'crème brûlée', 'Curaçao', 'Malmö', 'Zürich',
];
const FRAMES = [
  '他说“W”很好。', '我在W喝咖啡。', 'W', '歌手W的新专辑——《W》', '（W）', 'W，W。',
  'Il a dit « W » hier', 'Prix : 20 € – W', 'The band W – live!',
];
const CODECS = ['gbk', 'big5', 'shift_jis', 'euc-kr', 'windows-1252', 'macroman', 'windows-1250', 'windows-1251'];

let cleanChanged = 0;
for (const word of WORDS) {
  for (const frame of FRAMES) {
    const clean = frame.replaceAll('W', word);
    if (repair(clean).text !== clean) cleanChanged += 1;
  }
}
console.log(`clean sentences changed: ${cleanChanged} of ${WORDS.length * FRAMES.length}`);
console.log('| read as | damaged sentences | repaired exactly | left unchanged | wrong |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const codec of CODECS) {
  let cases = 0;
  let exact = 0;
  let unchanged = 0;
  for (const word of WORDS) {
    const bytes = Buffer.from(word, 'utf8');
    const damaged = iconv.decode(bytes, codec);
    // Only damage that is lossless: the codec maps every byte.
    if (!iconv.encode(damaged, codec).equals(bytes)) continue;
    for (const frame of FRAMES) {
      const text = frame.replaceAll('W', damaged);
      const out = repair(text).text;
      cases += 1;
      if (out === frame.replaceAll('W', word)) exact += 1;
      else if (out === text) unchanged += 1;
    }
  }
  console.log(`| ${codec} | ${cases} | ${exact} | ${unchanged} | ${cases - exact - unchanged} |`);
}
