// Bad input and faults, through the real binary: each gives one clear line and a documented exit
// code, loses nothing, leaves no partial file, and never hangs.
import { spawn, spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repair } from '../../dist/index.js';
import { BIN, runBinary } from './_harness.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'fixnews-rel-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('bad input', () => {
  it('passes an empty file through', () => {
    const input = join(work, 'empty.txt');
    writeFileSync(input, '');
    expect(runBinary([input])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('skips a binary file in a batch with a warning, and repairs the rest', () => {
    mkdirSync(join(work, 'in'));
    writeFileSync(join(work, 'in', 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x03]));
    writeFileSync(join(work, 'in', 'news.txt'), '會議');
    const result = runBinary([join(work, 'in'), '-o', join(work, 'out'), '--to', 's']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/skipped .*image\.png: binary/);
    expect(allFiles(join(work, 'out'))).toEqual(['news.txt']);
  });

  it('mirrors file names with spaces and newlines', () => {
    mkdirSync(join(work, 'in'));
    writeFileSync(join(work, 'in', 'a b.txt'), '會議');
    writeFileSync(join(work, 'in', 'line\nbreak.txt'), '會議');
    expect(runBinary([join(work, 'in'), '-o', join(work, 'out'), '--to', 's']).exitCode).toBe(0);
    expect(allFiles(join(work, 'out'))).toEqual(['a b.txt', 'line\nbreak.txt']);
    expect(readFileSync(join(work, 'out', 'line\nbreak.txt'), 'utf8')).toBe('会议');
  });

  it('does not follow a symbolic link out of the tree unless asked', () => {
    mkdirSync(join(work, 'in'));
    mkdirSync(join(work, 'outside'));
    writeFileSync(join(work, 'outside', 'secret.txt'), '會議');
    symlinkSync(join(work, 'outside'), join(work, 'in', 'link'));
    const result = runBinary([join(work, 'in'), '-o', join(work, 'out')]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/symbolic link not followed/);
    expect(existsSync(join(work, 'out', 'link'))).toBe(false);
    expect(runBinary([join(work, 'in'), '-o', join(work, 'out2'), '--follow-symlinks']).exitCode).toBe(0);
    expect(allFiles(join(work, 'out2'))).toEqual(['link', 'link/secret.txt']);
  });

  it('ends a symbolic link loop instead of hanging', () => {
    mkdirSync(join(work, 'in', 'sub'), { recursive: true });
    writeFileSync(join(work, 'in', 'sub', 'a.txt'), '會議');
    symlinkSync(join(work, 'in'), join(work, 'in', 'sub', 'loop'));
    const result = runBinary([join(work, 'in'), '-o', join(work, 'out'), '--follow-symlinks']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/already visited/);
    expect(allFiles(join(work, 'out'))).toEqual(['sub', 'sub/a.txt']);
  });
});

describe('faults', () => {
  it('ends quietly when the reader closes the pipe early', () => {
    const big = join(work, 'big.txt');
    writeFileSync(big, '今天天气很好。\n'.repeat(200_000));
    const result = spawnSync('bash', ['-c', `node "${BIN}" "${big}" 2>"${work}/err" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('0');
    expect(readFileSync(join(work, 'err'), 'utf8')).toBe('');
  });

  // Heavy on purpose (3,000 files, then a rerun): a longer limit, which only guards against a hang.
  it('leaves no temporary or partial file when interrupted in a batch', { timeout: 120_000 }, async () => {
    mkdirSync(join(work, 'in'));
    // Enough files that the batch cannot finish before the signal.
    for (let i = 0; i < 3000; i += 1) writeFileSync(join(work, 'in', `${String(i).padStart(4, '0')}.txt`), '市政協會議舉行。\n'.repeat(200));
    const child = spawn(process.execPath, [BIN, join(work, 'in'), '-o', join(work, 'out'), '--to', 's']);
    // Interrupt once the batch is under way: its first output is in place.
    const out = join(work, 'out');
    for (let waited = 0; waited < 60_000 && !(existsSync(out) && allFiles(out).length > 0); waited += 50) {
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(130);
    const written = existsSync(join(work, 'out')) ? allFiles(join(work, 'out')) : [];
    expect(written.filter((name) => name.includes('.tmp'))).toEqual([]);
    for (const name of written) expect(readFileSync(join(work, 'out', name), 'utf8')).toBe('市政协会议举行。\n'.repeat(200));
    // A rerun that keeps what is done finishes the rest.
    const rerun = runBinary([join(work, 'in'), '-o', join(work, 'out'), '--to', 's', '--skip-existing']);
    expect(rerun).toMatchObject({ exitCode: 0, stderr: '' });
    expect(allFiles(join(work, 'out'))).toHaveLength(3000);
  });
});

describe('progress', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const batch = (): string => {
    mkdirSync(join(work, 'in'));
    for (let i = 0; i < 40; i += 1) writeFileSync(join(work, 'in', `${i}.txt`), i % 4 === 0 ? '會(huì)議舉(jǔ)行\n' : '市政協會議。\n');
    return join(work, 'in');
  };

  // `script` runs the binary on a pseudo-terminal, as a user at a terminal would.
  it.skipIf(!hasScript)('shows a bar with counts, rate and time left, then a summary, when stderr is a terminal', () => {
    const command = `node "${BIN}" "${batch()}" -o "${join(work, 'out')}" 2>&1 >/dev/null`;
    const shown = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' }).stdout;
    expect(shown).toMatch(/fixnews \[[=-]+\] 40\/40 files \| \d+ files\/s \| \w+ left/);
    expect(shown).toMatch(/fixnews: 40 files, 10 needed repair, 0 failed in [\d.]+ s/);
  });

  it('shows neither on a pipe or in a log', () => {
    const result = runBinary([batch(), '-o', join(work, 'out')]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  });
});

describe('large inputs', () => {
  // One line in twenty is GBK read as Latin-1; each line is repaired on its own, so the whole
  // output is known whatever the pieces are.
  const lines = Array.from({ length: 60_000 }, (_, i) => `第${i}行：市政協五屆二次會議舉行第二次全體會議。`);
  const damaged = lines.map((line, i) => (i % 20 === 0 ? iconv.encode(line, 'gbk').toString('latin1') : line)).join('\n');
  const clean = lines.join('\n');

  it('repairs a large input from stdin piece by piece, in order, with workers', () => {
    expect(Buffer.byteLength(damaged)).toBeGreaterThan(3 * 1024 * 1024);
    const result = spawnSync(process.execPath, [BIN, '--jobs', '2'], { input: damaged, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.stderr).toBe('');
    expect(result.stdout === clean).toBe(true);
  });

  it('writes a file above the streaming size to its output whole, and reports its damage', () => {
    const input = join(work, 'big.txt');
    writeFileSync(input, `${damaged}\n`.repeat(3));
    expect(Buffer.byteLength(`${damaged}\n`) * 3).toBeGreaterThan(8 * 1024 * 1024);
    const output = join(work, 'out.txt');
    const result = spawnSync(process.execPath, [BIN, input, '-o', output, '--jobs', '1', '--verbose'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/big\.txt: [1-9]\d* repairs/);
    expect(readFileSync(output, 'utf8') === `${clean}\n`.repeat(3)).toBe(true);
    expect(readdirSync(work).filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});

describe('bounded work on adversarial text', () => {
  // Not a speed test: the suite's timeout only guards against a hang or quadratic blow-up.
  it.each([
    ['question marks between Han', '?中'.repeat(30_000)],
    ['a run of question marks', `中${'?'.repeat(100_000)}文`],
    ['open parentheses', `會${'('.repeat(100_000)}`],
    ['glosses everywhere', '會(huì)'.repeat(20_000)],
    ['mojibake lead characters', 'Ã'.repeat(100_000)],
    ['entities without end', '&amp'.repeat(50_000)],
  ])('finishes on %s', (_name, text) => {
    const fixed = repair(text).text;
    expect(typeof fixed).toBe('string');
  });
});

describe('unusual trees and lines', () => {
  it('skips a file whose name is not UTF-8, with a message, and repairs the rest', () => {
    mkdirSync(join(work, 'in'));
    writeFileSync(Buffer.from(`${join(work, 'in')}/bad-\xff-name.txt`, 'latin1'), '會議');
    writeFileSync(join(work, 'in', 'good.txt'), '會議');
    const result = runBinary([join(work, 'in'), '-o', join(work, 'out'), '--to', 's']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/file name is not valid UTF-8/);
    expect(allFiles(join(work, 'out'))).toEqual(['good.txt']);
  });

  it('mirrors a deep folder', () => {
    const deep = Array.from({ length: 60 }, (_, i) => `d${i}`).join('/');
    mkdirSync(join(work, 'in', deep), { recursive: true });
    writeFileSync(join(work, 'in', deep, 'a.txt'), '會議');
    expect(runBinary([join(work, 'in'), '-o', join(work, 'out'), '--to', 's']).exitCode).toBe(0);
    expect(readFileSync(join(work, 'out', deep, 'a.txt'), 'utf8')).toBe('会议');
  });

  it('passes a long line without a newline through', () => {
    const input = join(work, 'long.txt');
    const line = '市政协五届二次会议举行第二次全体会议，进行议政发言。'.repeat(60_000);
    writeFileSync(input, line);
    const result = runBinary([input]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout === line).toBe(true);
  });

  it('reads a closed stdin as empty input', () => {
    expect(runBinary([], '')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });
});

describe('permissions', () => {
  // Root reads any file whatever its mode, so as root the binary runs as the user nobody.
  const asRoot = process.getuid?.() === 0;
  const runner = asRoot ? ['runuser', '-u', 'nobody', '--', process.execPath] : [process.execPath];
  // As root, the check needs runuser and a checkout that nobody may read (CI's may not be).
  const hasRunner = !asRoot || spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, '--version']).status === 0;

  it.runIf(hasRunner)('reports an unreadable file on one line and goes on with the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixnews-perm-'));
    try {
      spawnSync('chmod', ['755', dir]);
      writeFileSync(join(dir, 'secret.txt'), '會議');
      writeFileSync(join(dir, 'open.txt'), '會議');
      spawnSync('chmod', ['000', join(dir, 'secret.txt')]);
      const [command, ...args] = runner as [string, ...string[]];
      const result = spawnSync(command, [...args, BIN, join(dir, 'secret.txt'), join(dir, 'open.txt'), '--format', 'jsonl'], { encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`fixnews error: ${join(dir, 'secret.txt')}: cannot read (EACCES)\n`);
      expect(result.stdout).toContain('"text":"會議"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('under GNU parallel', () => {
  const hasParallel = spawnSync('parallel', ['--version']).status === 0;
  it.runIf(hasParallel)('gives the same JSON Lines when parallel --pipe splits the stream', () => {
    const input = join(work, 'corpus.jsonl');
    const records = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: i, text: i % 3 === 0 ? '會(huì)議舉(jǔ)行' : '今天天气很好。' }));
    writeFileSync(input, `${records.join('\n')}\n`);
    const single = runBinary([input, '--jsonl-field', 'text', '--to', 's']).stdout;
    const split = spawnSync('bash', ['-c', `parallel --will-cite --pipe --keep-order -N 50 node "${BIN}" --jsonl-field text --to s < "${input}"`], {
      encoding: 'utf8',
    });
    expect(split.status).toBe(0);
    expect(split.stdout).toBe(single);
    expect(single.split('\n')[0]).toBe('{"id":0,"text":"会议举行"}');
  });
});

describe('worker threads', () => {
  it('gives the same records in the same order with two workers as with one', () => {
    mkdirSync(join(work, 'in'));
    for (let i = 0; i < 40; i += 1) {
      writeFileSync(join(work, 'in', `${String(i).padStart(2, '0')}.txt`), i % 2 ? `第${i}篇：會(huì)議舉(jǔ)行` : `第${i}篇：浣犲ソ涓栫晫`);
    }
    const one = runBinary([join(work, 'in'), '--format', 'jsonl', '--jobs', '1']);
    const two = runBinary([join(work, 'in'), '--format', 'jsonl', '--jobs', '2']);
    expect(two.exitCode).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const texts = two.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
    expect(texts.slice(0, 2)).toEqual(['第0篇：你好世界', '第1篇：會議舉行']);
  });

  it('rejects a number of jobs that is not a whole number', () => {
    expect(runBinary(['--jobs', '0']).stderr).toMatch(/^fixnews error: option '-j, --jobs <n>' argument '0' is invalid/);
  });
});
