#!/usr/bin/env node
// Extracts Chinese prose from Debian's LibreOffice help packages, for tuning and measuring.
//   apt-get download libreoffice-help-zh-cn libreoffice-help-zh-tw   (in any folder)
//   node scripts/extract-corpus.mjs FOLDER_WITH_DEBS
// Writes .corpus/{zh-cn,zh-tw}.{tune,report}.txt (not committed: one paragraph a line) and small
// committed samples in fixtures/corpus/. A help page goes to `tune` or `report` by a hash of its
// path, the same for both languages, so that what fixnews is tuned on is never what it reports on.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const debFolder = process.argv[2];
if (!debFolder) {
  console.error('usage: node scripts/extract-corpus.mjs FOLDER_WITH_DEBS');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.corpus');
const SAMPLE_PARAGRAPHS = 150;
const HAN = /\p{Script=Han}/gu;

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function paragraphsOf(html) {
  const body = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '');
  const blocks = body.match(/<(p|h[1-6]|li|td)\b[^>]*>[\s\S]*?<\/\1>/gi) ?? [];
  return blocks
    .map((block) => decodeEntities(block.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim())
    .filter((text) => text.length >= 12 && (text.match(HAN)?.length ?? 0) >= text.length * 0.4);
}

function split(relPath) {
  return createHash('sha1').update(relPath).digest()[0] < 128 ? 'tune' : 'report';
}

mkdirSync(out, { recursive: true });
mkdirSync(join(root, 'fixtures/corpus'), { recursive: true });
for (const [lang, pkg] of [['zh-cn', 'zh-CN'], ['zh-tw', 'zh-TW']]) {
  const deb = readdirSync(debFolder).find((name) => name.startsWith(`libreoffice-help-${lang}_`) && name.endsWith('.deb'));
  if (!deb) throw new Error(`no libreoffice-help-${lang} .deb in ${debFolder}`);
  const raw = join(out, `raw-${lang}`);
  rmSync(raw, { recursive: true, force: true });
  execFileSync('dpkg-deb', ['-x', join(debFolder, deb), raw]);
  const helpRoot = join(raw, 'usr/share/libreoffice/help', pkg);
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) files.push(path);
    }
  };
  walk(helpRoot);
  const seen = new Set();
  const parts = { tune: [], report: [] };
  for (const file of files) {
    const part = parts[split(relative(helpRoot, file))];
    for (const paragraph of paragraphsOf(readFileSync(file, 'utf8'))) {
      if (seen.has(paragraph)) continue;
      seen.add(paragraph);
      part.push(paragraph);
    }
  }
  for (const [name, paragraphs] of Object.entries(parts)) {
    writeFileSync(join(out, `${lang}.${name}.txt`), `${paragraphs.join('\n')}\n`);
    const chars = paragraphs.reduce((n, p) => n + p.length, 0);
    console.log(`${lang}.${name}: ${paragraphs.length} paragraphs, ${chars} characters`);
  }
  // The committed sample: evenly spaced paragraphs of the report part.
  const report = parts.report;
  const step = Math.max(1, Math.floor(report.length / SAMPLE_PARAGRAPHS));
  const sample = report.filter((_, i) => i % step === 0).slice(0, SAMPLE_PARAGRAPHS);
  writeFileSync(join(root, `fixtures/corpus/${lang}.sample.txt`), `${sample.join('\n')}\n`);
  rmSync(raw, { recursive: true, force: true });
}
