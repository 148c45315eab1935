#!/usr/bin/env node
// Recovery of lossy damage on paragraphs of real prose: exact paragraphs, and character error
// rate (edit distance / length) of the damaged text and of the repaired text against the
// original, with how many characters stayed marked and how many came out wrong.
//   node bench/lossy-accuracy.mjs [.corpus/zh-cn.report.txt] [max paragraphs] [damage]
// damage: `gbk-bytes` (default: scripts/damage.mjs gbkBytePunctuationDamage, the seed's kind),
// `gloss-inside` (glossInsideCharacterDamage, the seed's other kind), the same two decoded as
// browsers decode GBK (`gbk-bytes replacing`, `gloss-inside replacing`: U+FFFD, ASCII re-read) or
// as Python's gbk does (`gbk-bytes python`, `gloss-inside python`), or `utf-8 as gbk` /
// `utf-8 as big5` / `utf-8 as shift_jis` / `utf-8 as euc-kr` (UTF-8 decoded by the browser's
// decoder, rejected bytes lost), `utf-8 as python gbk` / `big5` / `shift_jis` / `euc-kr` (as
// Python's codecs decode with errors='replace': scripts/damage.mjs decodeLikePython), `utf-8 as cp1252` (by a decoder that writes U+FFFD for the bytes cp1252
// leaves undefined).
//   DOCUMENT=n and SPAN=n: see below.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeWith, repair } from '../dist/index.js';
import { decodeLikePython, editDistance as distance, gbkBytePunctuationDamage, glossInsideCharacterDamage } from '../scripts/damage.mjs';

const file = process.argv[2] ?? '.corpus/zh-cn.report.txt';
const limit = Number(process.argv[3] ?? 400);
const show = Number(process.env.SHOW ?? 0);
const kind = process.argv[4] ?? 'gbk-bytes';
const LOSSY_DECODE = { 'utf-8 as gbk': 'gbk', 'utf-8 as big5': 'big5', 'utf-8 as shift_jis': 'shift_jis', 'utf-8 as euc-kr': 'euc-kr' };
// iconv-lite's cp1252, like Python's with errors='replace', writes U+FFFD for the five bytes
// cp1252 leaves undefined (a browser keeps them as C1 controls).
const decodeLossy = (text) =>
  kind === 'utf-8 as cp1252'
    ? iconv.decode(Buffer.from(text), 'windows-1252')
    : kind.startsWith('utf-8 as python ')
      ? decodeLikePython(Buffer.from(text), kind.slice('utf-8 as python '.length))
      : decodeWith(Buffer.from(text), LOSSY_DECODE[kind]);
const [byteKind, decoder] = kind.split(' ');
const damage =
  byteKind === 'gbk-bytes'
    ? (text) => gbkBytePunctuationDamage(text, decoder)
    : byteKind === 'gloss-inside'
      ? (text) => glossInsideCharacterDamage(text, decoder)
      : (text) => {
        const damaged = decodeLossy(text);
        return damaged.includes('\uFFFD') ? damaged : null;
      };


// DOCUMENT=n (characters): paragraphs are repaired in documents of consecutive paragraphs (mostly
// of one help page) of about n characters, every paragraph the damage applies to damaged, as in
// a page damaged throughout; the figures still count the damaged paragraphs.
const documentSize = Number(process.env.DOCUMENT ?? 0);

let cases = 0;
let exact = 0;
let charsTotal = 0;
let errorsBefore = 0;
let errorsAfter = 0;
let marks = 0;
let shown = 0;
// Spans the encoding engine decoded: none belong to byte-level GBK damage, which is no codec error.
let engineSpans = 0;
const repairCounted = (text) => {
  const result = repair(text);
  for (const step of result.steps) if (step.fixer === 'reencodeSpans') engineSpans += step.params.spans.length;
  return result.text;
};
const count = (text, damaged, fixed) => {
  cases += 1;
  if (fixed === text) exact += 1;
  else if (shown++ < show) console.error(`  ${text}\n  ${damaged}\n  ${fixed}\n`);
  charsTotal += Array.from(text).length;
  errorsBefore += distance(damaged, text);
  errorsAfter += distance(fixed, text);
  marks += (fixed.match(/\uFFFD/g) ?? []).length;
  if (spanSize > 0) {
    const [before, , after] = spanOf(text);
    if (!fixed.startsWith(before) || !fixed.endsWith(after)) aroundChanged += 1;
  }
};
// SPAN=n (characters): only n characters of each paragraph, at a place fixed by its length, are
// damaged (a field pasted from elsewhere); the figures add how many paragraphs had the part
// around the span changed, which must come back byte for byte.
const spanSize = Number(process.env.SPAN ?? 0);
let aroundChanged = 0;
const spanOf = (text) => {
  const chars = Array.from(text);
  const at = (chars.length * 7919) % (chars.length - spanSize);
  return [chars.slice(0, at).join(''), chars.slice(at, at + spanSize).join(''), chars.slice(at + spanSize).join('')];
};
const damageable = (text) => {
  if (text.length < 8 || text.length > 400) return null;
  if (spanSize === 0) return damage(text);
  if (Array.from(text).length < spanSize + 2) return null;
  const [before, span, after] = spanOf(text);
  const damaged = damage(span);
  return damaged && before + damaged + after;
};
let document = [];
let documentLength = 0;
const repairDocument = () => {
  const damaged = document.map(damageable);
  const fixed = repairCounted(document.map((text, i) => damaged[i] ?? text).join('\n')).split('\n');
  document.forEach((text, i) => {
    if (damaged[i] && cases < limit) count(text, damaged[i], fixed[i]);
  });
  document = [];
  documentLength = 0;
};
for (const text of readFileSync(file, 'utf8').split('\n')) {
  if (cases >= limit) break;
  if (documentSize > 0) {
    document.push(text);
    documentLength += text.length;
    if (documentLength >= documentSize) repairDocument();
    continue;
  }
  const damaged = damageable(text);
  if (damaged) count(text, damaged, repairCounted(damaged));
}
if (document.length > 0) repairDocument();
console.log(`${file}, ${kind}: ${cases} damaged paragraphs (${charsTotal} characters)${documentSize > 0 ? `, in documents of about ${documentSize} characters` : ''}`);
console.log(`repaired exactly: ${exact} (${((exact / cases) * 100).toFixed(1)}%)`);
console.log(`character error rate: damaged ${((errorsBefore / charsTotal) * 100).toFixed(2)}%, repaired ${((errorsAfter / charsTotal) * 100).toFixed(2)}%`);
console.log(`characters marked lost (U+FFFD): ${marks}; other wrong characters: ${errorsAfter - marks}`);
console.log(`spans decoded by the encoding engine: ${engineSpans}`);
if (spanSize > 0) console.log(`damage on ${spanSize} characters: the text around it changed in ${aroundChanged} paragraphs`);
