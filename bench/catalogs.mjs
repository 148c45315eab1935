#!/usr/bin/env node
// Short clean strings in every language: the translated messages of the gettext catalogs installed
// under /usr/share/locale (LANG/LC_MESSAGES/*.mo), each repaired alone with default options, as a
// label or an error message would be. Prints how many messages change per language (only the
// languages where some do) and, with SHOW=1, each change. Some are real: a few catalogs hold
// mojibake (`sgrÃ®n` in Welsh), and messages about HTML write entities (`&amp;`), which fixnews
// decodes as web debris.
//   node bench/catalogs.mjs [LANG ...]        (default: every language installed)
//   COMPARE=/path/to/other/dist node bench/catalogs.mjs   (another build beside this one)
import { readFileSync, readdirSync } from 'node:fs';
import { builds, changedColumns } from './_builds.mjs';

const ROOT = '/usr/share/locale';
const show = Boolean(process.env.SHOW);
const languages = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(ROOT);
const MO_MAGIC = 0x950412de;

/** The translations a compiled gettext catalog holds, the header first (see the GNU gettext manual, "The Format of GNU MO Files"). */
function translations(bytes) {
  const littleEndian = bytes.readUInt32LE(0) === MO_MAGIC;
  if (!littleEndian && bytes.readUInt32BE(0) !== MO_MAGIC) return [];
  const word = (offset) => (littleEndian ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset));
  const count = word(8);
  const table = word(16);
  return Array.from({ length: count }, (_, i) => bytes.subarray(word(table + 8 * i + 4), word(table + 8 * i + 4) + word(table + 8 * i)));
}

const list = (dir) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Distinct messages of a language beyond ASCII, from its UTF-8 catalogs (plural forms apart). */
function messagesOf(language) {
  const messages = new Set();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const file of list(`${ROOT}/${language}/LC_MESSAGES`).filter((name) => name.endsWith('.mo'))) {
    const [header, ...rest] = translations(readFileSync(`${ROOT}/${language}/LC_MESSAGES/${file}`));
    if (!header || !/charset=utf-8/i.test(header.toString('latin1'))) continue;
    for (const bytes of rest) {
      let text;
      try {
        text = decoder.decode(bytes);
      } catch {
        continue;
      }
      for (const message of text.split('\0')) if (/[^\u0000-\u007F]/.test(message)) messages.add(message);
    }
  }
  return messages;
}

console.log(`| language | messages | ${changedColumns.header} |`);
console.log(`| --- | ---: | ${changedColumns.rule} |`);
const totals = { messages: 0, changed: builds.map(() => 0) };
for (const language of languages) {
  const messages = messagesOf(language);
  const changed = builds.map(() => 0);
  for (const message of messages) {
    builds.forEach((build, i) => {
      const result = build(message);
      if (result.text === message) return;
      changed[i] += 1;
      if (show && i === builds.length - 1) console.error(`${language}: ${JSON.stringify(message)} -> ${JSON.stringify(result.text)} (${result.steps.map((step) => step.fixer).join(', ')})`);
    });
  }
  totals.messages += messages.size;
  changed.forEach((n, i) => (totals.changed[i] += n));
  if (changed.some((n) => n > 0)) console.log(`| ${language} | ${messages.size} | ${changed.join(' | ')} |`);
}
console.log(`| all ${languages.length} | ${totals.messages} | ${totals.changed.join(' | ')} |`);
