import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBinary, runInProcess, type RunResult } from './_harness.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const TREE = join(FIXTURES, 'cli/tree');

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'fixnews-cli-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Scenario {
  name: string;
  args: (dir: string) => string[];
  stdin?: string;
  exitCode: number;
  stdout?: string | RegExp;
  stderr?: string | RegExp;
}

const SCENARIOS: Scenario[] = [
  { name: 'filters stdin to stdout', args: () => ['--to', 's'], stdin: '會議舉行\n', exitCode: 0, stdout: '会议舉行\n'.replace('舉', '举'), stderr: '' },
  { name: 'reads stdin given as -', args: () => ['-', '--to', 'cn'], stdin: '會議', exitCode: 0, stdout: '会议' },
  { name: 'keeps the absence of a final newline', args: () => [], stdin: 'abc', exitCode: 0, stdout: 'abc' },
  { name: 'keeps CRLF line endings', args: () => ['--to', 'simplified'], stdin: '會\r\n議\r\n', exitCode: 0, stdout: '会\r\n议\r\n' },
  { name: 'repairs one file to stdout', args: () => [join(TREE, 'a.txt'), '--to', 'simplified'], exitCode: 0, stdout: '会议举行\n' },
  { name: 'converts to Taiwan script', args: () => ['--to', 'tw'], stdin: '软件', exitCode: 0, stdout: '軟體' },
  { name: 'converts to Hong Kong script', args: () => ['--to', 'hk'], stdin: '里面', exitCode: 0, stdout: '裏面' },
  { name: 'converts to Traditional script', args: () => ['--to', 't'], stdin: '会议', exitCode: 0, stdout: '會議' },
  { name: 'rejects an unknown script', args: () => ['--to', 'klingon'], exitCode: 2, stdout: '', stderr: /^fixnews error: option '--to <script>' argument 'klingon' is invalid.*\n$/ },
  { name: 'rejects an unknown option', args: () => ['--frobnicate'], exitCode: 2, stderr: /^fixnews error: unknown option '--frobnicate'/ },
  { name: 'reports a missing file on one line', args: () => ['no-such-file.txt'], exitCode: 2, stdout: '', stderr: 'fixnews error: no-such-file.txt: no such file or folder\n' },
  { name: 'asks for -o or --in-place with a folder', args: () => [TREE], exitCode: 2, stderr: /several inputs or a folder need -o DIR/ },
  { name: 'rejects an unknown encoding', args: () => ['--encoding', 'klingon'], stdin: 'x', exitCode: 2, stderr: /^fixnews error: unknown encoding 'klingon'/ },
  { name: 'rejects --backup without --in-place', args: (d) => [join(TREE, 'a.txt'), '-o', join(d, 'x'), '--backup'], exitCode: 2, stderr: /--backup only goes with --in-place/ },
  { name: 'check exits 0 on clean input', args: () => ['--check'], stdin: '今天天气很好。\n', exitCode: 0, stdout: '', stderr: '0 of 1 inputs need repair\n' },
  { name: 'prints the version', args: () => ['--version'], exitCode: 0, stdout: /^\d+\.\d+\.\d+\n$/ },
  { name: 'prints help with examples', args: () => ['--help'], exitCode: 0, stdout: /Usage: fixnews \[options\] \[paths\.\.\.\][\s\S]*Examples:[\s\S]*Exit codes/ },
  { name: 'writes JSON with the text and the steps', args: () => ['--format', 'json', '--to', 's'], stdin: '會議', exitCode: 0, stdout: /"text": "会议"[\s\S]*"fixer": "convertScript"/ },
  { name: 'explains steps on stderr', args: () => ['--explain', '--to', 's'], stdin: '會議', exitCode: 0, stdout: '会议', stderr: /decode decodeInput: decoded the input as utf-8[\s\S]*apply convertScript/ },
  { name: 'streams one JSON record a line for a folder', args: () => [TREE, '--format', 'jsonl'], exitCode: 0, stdout: /^(\{"input":"[^\n]*a\.txt".*\}\n)(\{"input":"[^\n]*b\.txt".*\}\n)(\{"input":"[^\n]*c\.txt".*\}\n)$/ },
  { name: 'shows a character diff instead of the text', args: () => ['--diff'], stdin: '會(huì)議舉(jǔ)行', exitCode: 0, stdout: '-:1:2\n- 會(huì)議舉(jǔ)行\n    ^^^^^    ^^^^\n+ 會議舉行\n    ^    ^\n' },
  { name: 'writes Markdown with front matter', args: () => ['--format', 'markdown'], stdin: '标题\n本报讯（记者 王五）3月2日，会议召开。\n', exitCode: 0, stdout: /^---\ntitle: "标题"\nsource: "本报"\nreporters: \["王五"\][\s\S]*\n# 标题\n/ },
  { name: 'repairs one field of JSON Lines and passes bad lines through', args: () => ['--jsonl-field', 'doc.body', '--to', 's'], stdin: '{"id":1,"doc":{"body":"會(huì)議舉(jǔ)行"}}\nnot json\n{"id":3}\n', exitCode: 0, stdout: '{"id":1,"doc":{"body":"会议举行"}}\nnot json\n{"id":3}\n', stderr: 'fixnews: -:2: not valid JSON; passed through\nfixnews: -:3: no string field doc.body; passed through\nfixnews: -: 2 records, 1 repaired, 2 bad lines\n' },
  { name: 'marks lost characters with the mark asked for', args: () => ['--mark', '〓'], stdin: '工業體系?!?”就是大力發展煤、焦、鋼', exitCode: 0, stdout: '工業體系。“〓”就是大力發展煤、焦、鋼' },
  { name: 'marks what only a guessed byte would recover with --no-guess', args: () => ['--no-guess'], stdin: '速度要快?!昂谩?,就是發展質量要高', exitCode: 0, stdout: '速度要快\uFFFD“好\uFFFD，就是發展質量要高' },
  { name: 'rejects a mark of more than one character', args: () => ['--mark', 'ab'], exitCode: 2, stderr: /^fixnews error: option '--mark <char>' argument 'ab' is invalid\. expected one character/ },
  { name: 'refuses binary input', args: () => [], stdin: 'PNG\u0000\u0001\u0002 data more data here', exitCode: 2, stderr: /looks binary/ },
];

function check(result: RunResult, scenario: Scenario): void {
  expect(result.exitCode).toBe(scenario.exitCode);
  for (const stream of ['stdout', 'stderr'] as const) {
    const expected = scenario[stream];
    if (expected === undefined) continue;
    if (typeof expected === 'string') expect(result[stream]).toBe(expected);
    else expect(result[stream]).toMatch(expected);
  }
}

describe.each([
  ['in-process', runInProcess],
  ['subprocess', async (args: string[], input?: string) => runBinary(args, input)],
] as const)('CLI scenarios (%s)', (_how, run) => {
  it.each(SCENARIOS)('$name', async (scenario) => {
    check(await run(scenario.args(work), scenario.stdin ?? ''), scenario);
  });
});

function listTree(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.push(relative(root, path));
    }
  };
  visit(root);
  return out;
}

describe('CLI with files and folders (subprocess)', () => {
  it('mirrors a nested folder into -o DIR, keeping line endings', () => {
    const out = join(work, 'out');
    const result = runBinary([TREE, '-o', out, '--to', 'simplified']);
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
    expect(listTree(out)).toEqual(['a.txt', 'sub/b.txt', 'sub/c.txt']);
    expect(readFileSync(join(out, 'sub/b.txt'), 'utf8')).toBe('临汾新闻网讯\r\n记者\r\n');
  });

  it('names mirrored files after the format', () => {
    const out = join(work, 'out');
    expect(runBinary([TREE, '-o', out, '--format', 'json']).exitCode).toBe(0);
    expect(listTree(out)).toEqual(['a.json', 'sub/b.json', 'sub/c.json']);
    expect(JSON.parse(readFileSync(join(out, 'a.json'), 'utf8'))).toMatchObject({ text: '會議舉行\n', encoding: { name: 'utf-8', confidence: 1 } });
  });

  it('writes one file to -o FILE and refuses to overwrite it without --force', () => {
    const out = join(work, 'one.txt');
    expect(runBinary([join(TREE, 'a.txt'), '-o', out, '--to', 's']).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('会议举行\n');
    const again = runBinary([join(TREE, 'a.txt'), '-o', out]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/exists; use --force/);
    expect(runBinary([join(TREE, 'a.txt'), '-o', out, '--force']).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('會議舉行\n');
  });

  it('refuses to write over its input', () => {
    const input = join(work, 'in.txt');
    writeFileSync(input, '會議');
    const result = runBinary([input, '-o', input, '--force', '--to', 's']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/both input and output; use --in-place/);
    expect(readFileSync(input, 'utf8')).toBe('會議');
  });

  it('refuses an output folder inside the input folder', () => {
    const input = join(work, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'x.txt'), '會議');
    const result = runBinary([input, '-o', join(input, 'out')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/lies inside the input folder/);
    expect(existsSync(join(input, 'out'))).toBe(false);
  });

  it('rewrites files in place and keeps backups', () => {
    const input = join(work, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'x.txt'), '會議');
    const result = runBinary([input, '--in-place', '--backup', '--to', 's']);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(input, 'x.txt'), 'utf8')).toBe('会议');
    expect(readFileSync(join(input, 'x.txt.orig'), 'utf8')).toBe('會議');
  });

  it('goes on after a missing input and exits 2 with a summary', () => {
    const out = join(work, 'out');
    const result = runBinary([join(TREE, 'a.txt'), 'missing.txt', '-o', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/missing\.txt: no such file or folder/);
    expect(result.stderr).toMatch(/1 of 2 inputs failed: missing\.txt/);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('會議舉行\n');
  });

  it('reads GBK bytes from a file by detection', () => {
    const input = join(work, 'gbk.txt');
    writeFileSync(input, iconv.encode('市政协五届二次会议，进行议政发言。', 'gbk'));
    const result = runBinary([input, '--explain']);
    expect(result.stdout).toBe('市政协五届二次会议，进行议政发言。');
    expect(result.stderr).toMatch(/decoded the input as gb18030 \(detected by jschardet/);
  });

  it('fails on bytes that do not fit a forced encoding', () => {
    const result = runBinary(['--encoding', 'utf-8'], Buffer.of(0xc4, 0xe3, 0xba, 0xc3));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^fixnews error: - is not valid utf-8/);
  });
});
