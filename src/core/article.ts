// The parts of a Chinese news article, recognised from plain text: title, source (dateline),
// reporters, date, editor and body paragraphs. Every part that is absent is null: nothing is
// invented. Patterns cover Simplified and Traditional forms of the same words.

export interface Article {
  /** A short first line without sentence-final punctuation. */
  readonly title: string | null;
  /** The outlet named in the dateline (临汾新闻网讯, 新华社北京3月22日电, 本报讯) or a 来源 line. */
  readonly source: string | null;
  /** Names from （记者 郑静 张玉萍）, 记者：…, 作者：… */
  readonly reporters: readonly string[];
  /** The first date given: 2023-03-22, 2023年3月22日, 3月22日, or a 发布时间 line. */
  readonly date: string | null;
  /** From 责任编辑：…, 编辑：… */
  readonly editor: string | null;
  /** Body paragraphs, without title, dateline, byline and trailer lines. */
  readonly paragraphs: readonly string[];
}

const SENTENCE_END = /[。！？!?…；;：:，,]$/u;
const MAX_TITLE = 40;
// A dateline at the start of the first body paragraph.
const WIRE_DATELINE = /^(新华社|新華社|中新社|中新网|中新網|人民网|人民網|央视网|央視網|法新社|路透社|美联社|美聯社)(\p{Script=Han}{0,6}?)(\d{1,2}月\d{1,2}日)[电電]\s*/u;
const OUTLET_DATELINE = /^(本[报報]|\p{Script=Han}{2,12}?(?:[网網]|[报報]|日[报報]|晚[报報]|[台臺]|[社]))[讯訊]\s*/u;
const BYLINE_BRACKETS = /^[（(]\s*(?:[记記]者|通[讯訊][员員])\s*([^）)]{1,40})[）)]\s*/u;
const BYLINE_LINE = /^(?:[记記]者|作者|文)\s*[：:]\s*(.{1,40})$/u;
const EDITOR_LINE = /^(?:[责責]任[编編][辑輯]|[编編][辑輯]|[责責][编編])\s*[：:]\s*(.{1,20})$/u;
const SOURCE_LINE = /^(?:来源|來源)\s*[：:]\s*(.{1,40})$/u;
const PUBLISHED_LINE = /^(?:[发發]布[时時][间間]|[时時][间間]|日期)\s*[：:]\s*(.{4,40})$/u;
const DATE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}月\d{1,2}日/u;

function names(list: string): string[] {
  return list
    .split(/[\s、，,;；]+/u)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/**
 * Recognise the parts of a news article.
 *
 * @example
 * parseArticle('标题\n本报讯（记者 王五）3月2日，会议召开。\n责任编辑：李四').editor // '李四'
 */
export function parseArticle(text: string): Article {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  let title: string | null = null;
  let source: string | null = null;
  let date: string | null = null;
  let editor: string | null = null;
  const reporters: string[] = [];
  const paragraphs: string[] = [];

  const first = lines[0];
  if (first !== undefined && lines.length > 1 && first.length <= MAX_TITLE && !SENTENCE_END.test(first) && !OUTLET_DATELINE.test(first)) {
    title = first;
    lines.shift();
  }
  for (const line of lines) {
    const editorMatch = EDITOR_LINE.exec(line);
    if (editorMatch) {
      editor ??= (editorMatch[1] as string).trim();
      continue;
    }
    const sourceMatch = SOURCE_LINE.exec(line);
    if (sourceMatch) {
      source ??= (sourceMatch[1] as string).trim();
      continue;
    }
    const bylineMatch = BYLINE_LINE.exec(line);
    if (bylineMatch) {
      reporters.push(...names(bylineMatch[1] as string));
      continue;
    }
    const publishedMatch = PUBLISHED_LINE.exec(line);
    if (publishedMatch && DATE.test(publishedMatch[1] as string)) {
      date ??= (DATE.exec(publishedMatch[1] as string) as RegExpExecArray)[0];
      continue;
    }
    let body = line;
    if (paragraphs.length === 0) {
      const wire = WIRE_DATELINE.exec(body);
      const outlet = wire ? null : OUTLET_DATELINE.exec(body);
      if (wire) {
        source = wire[1] as string;
        date ??= wire[3] as string;
        body = body.slice(wire[0].length);
      } else if (outlet) {
        source = outlet[1] as string;
        body = body.slice(outlet[0].length);
      }
      const byline = BYLINE_BRACKETS.exec(body);
      if (byline) {
        reporters.push(...names(byline[1] as string));
        body = body.slice(byline[0].length);
      }
    }
    date ??= DATE.exec(body)?.[0] ?? null;
    if (body.length > 0) paragraphs.push(body);
  }
  return { title, source, reporters, date, editor, paragraphs };
}
