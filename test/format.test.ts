// Output formats: the JSON record against its published schema, the article structure on articles
// of several shapes, Markdown escaping and front matter, and the character diff.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { repair } from '../dist/index.js';
import { parseArticle } from '../dist/core/article.js';
import { toRecord } from '../dist/format/json.js';
import { formatMarkdown } from '../dist/format/markdown.js';
import { formatDiff } from '../dist/format/diff.js';
import { makePaint } from '../dist/cli/_color.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const schema = JSON.parse(read('schema/result.schema.json')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function resultOf(original: string, options = {}) {
  const repaired = repair(original, options);
  return { path: 'x.txt', encoding: 'utf-8', confidence: 1, original, text: repaired.text, steps: repaired.steps };
}

describe('JSON record', () => {
  const seed = read('fixtures/seed/000_46e0885f6e841ee3.txt');
  const record = toRecord(resultOf(seed, { to: 'simplified' }));

  it('is valid against the published schema', () => {
    expect(validate(JSON.parse(JSON.stringify(record))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('finds the seed article’s parts', () => {
    expect(record.article).toMatchObject({
      title: '市政协五届二次会议举行第二次全体会议',
      source: '临汾新闻网',
      reporters: ['郑静', '张玉萍'],
      date: '3月22日',
      editor: '吉政',
    });
    expect(record.article.paragraphs).toHaveLength(9);
    expect(record.article.paragraphs[0]).toMatch(/^3月22日下午，市政协/);
    expect(record.script).toBe('simplified');
    expect(record.statistics.lostCharacters).toBe(1);
  });

  it('gives each change its place in input and output', () => {
    const small = toRecord(resultOf('會(huì)議舉(jǔ)行'));
    expect(small.changes).toEqual([
      { input: [1, 6], output: [1, 1], before: '(huì)', after: '' },
      { input: [8, 12], output: [3, 3], before: '(jǔ)', after: '' },
    ]);
    expect(validate(JSON.parse(JSON.stringify(small)))).toBe(true);
  });
});

describe('article structure', () => {
  it('reads a wire-service dateline', () => {
    expect(parseArticle(read('fixtures/articles/wire.txt'))).toMatchObject({
      title: '国务院召开常务会议',
      source: '新华社',
      date: '3月22日',
      reporters: [],
      editor: null,
    });
  });

  it('reads a publication time, a 來源 trailer and an editor, in Traditional', () => {
    const article = parseArticle(read('fixtures/articles/source-trailer.txt'));
    expect(article).toMatchObject({ title: '臺北舉辦國際書展', source: '中央社', date: '2023-02-01', editor: '王小明', reporters: [] });
    expect(article.paragraphs).toHaveLength(2);
  });

  it('leaves absent parts null rather than inventing them', () => {
    expect(parseArticle(read('fixtures/articles/plain.txt'))).toEqual({
      title: null,
      source: null,
      reporters: [],
      date: null,
      editor: null,
      paragraphs: ['今天天气很好，我们去公园散步。', '公园里的花开了，很多人在拍照。'],
    });
  });
});

describe('Markdown', () => {
  it('puts the metadata in front matter and escapes the text', () => {
    const markdown = formatMarkdown(resultOf('标题 *重要*\n本报讯（记者 王五）3月2日，[会议] 召开。\n# 不是标题\n责任编辑：李四'));
    expect(markdown).toContain('title: "标题 *重要*"\nsource: "本报"\nreporters: ["王五"]');
    expect(markdown).toContain('# 标题 \\*重要\\*');
    expect(markdown).toContain('3月2日，\\[会议\\] 召开。');
    expect(markdown).toContain('\n\\# 不是标题\n');
    expect(markdown).toContain('责任编辑：李四');
  });
});

describe('diff', () => {
  it('marks changed characters under wide characters without colour', () => {
    const diff = formatDiff(resultOf('會(huì)議舉(jǔ)行'), makePaint(false), false);
    // 會 and 議舉 are two columns each: the marks stand under what changed, and a ^ marks where
    // something was taken out.
    expect(diff).toBe(['x.txt:1:2', '- 會(huì)議舉(jǔ)行', '    ^^^^^    ^^^^', '+ 會議舉行', '    ^    ^', ''].join('\n'));
  });

  it('is empty when nothing changed', () => {
    expect(formatDiff(resultOf('今天天气很好。'), makePaint(false), false)).toBe('');
  });
});
