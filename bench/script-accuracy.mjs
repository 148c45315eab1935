#!/usr/bin/env node
// Traditional -> Simplified accuracy: real Simplified prose is converted to Traditional (OpenCC
// standard s2t, and Taiwan s2tw), then back, by OpenCC alone (opencc-js t2s and tw2s) and by
// fixnews; every character that differs from the original prose is an error.
//   node bench/script-accuracy.mjs [.corpus/zh-cn.report.txt]
import { readFileSync } from 'node:fs';
import OpenCC from 'opencc-js';
import { repair } from '../dist/index.js';

const file = process.argv[2] ?? '.corpus/zh-cn.report.txt';
const original = readFileSync(file, 'utf8');
const toTraditional = {
  s2t: OpenCC.Converter({ from: 'cn', to: 't' }),
  s2tw: OpenCC.Converter({ from: 'cn', to: 'tw' }),
};
const back = {
  'OpenCC t2s': OpenCC.Converter({ from: 't', to: 'cn' }),
  'OpenCC tw2s': OpenCC.Converter({ from: 'tw', to: 'cn' }),
  fixnews: (text) => repair(text, { to: 'simplified', fixEncoding: false, fixWebDebris: false, punct: 'keep', keepGlosses: true }).text,
};

function errors(a, b) {
  if (a.length !== b.length) throw new Error('length changed');
  let n = 0;
  const examples = new Map();
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      n += 1;
      const key = `${a.slice(Math.max(0, i - 1), i + 2)}→${b.slice(Math.max(0, i - 1), i + 2)}`;
      examples.set(key, (examples.get(key) ?? 0) + 1);
    }
  }
  return { n, examples };
}

const han = original.match(/\p{Script=Han}/gu)?.length ?? 0;
console.log(`${file}: ${original.length} characters, ${han} Han`);
console.log('| Traditional made by | converted back by | wrong characters | per 10,000 Han |');
console.log('| --- | --- | ---: | ---: |');
for (const [tName, toT] of Object.entries(toTraditional)) {
  const traditional = toT(original);
  for (const [bName, toS] of Object.entries(back)) {
    const { n, examples } = errors(original, toS(traditional));
    console.log(`| ${tName} | ${bName} | ${n} | ${((n / han) * 10000).toFixed(1)} |`);
    if (process.env.SHOW) console.error(tName, bName, [...examples].sort((x, y) => y[1] - x[1]).slice(0, 25));
  }
}
