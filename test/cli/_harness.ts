// Runs one CLI scenario two ways: in-process through main(), and as a real subprocess of the
// installed binary. Both must give the same exit code and output.
import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../dist/cli/main.js';

export const BIN = fileURLToPath(new URL('../../bin/fixnews.js', import.meta.url));

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };

export async function runInProcess(args: string[], input = '', cwd?: string): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const exitCode = await main({
      argv: args,
      stdin: Readable.from([Buffer.from(input)]),
      stdout,
      stderr,
      env: ENV,
      stderrIsTTY: false,
      stdoutIsTTY: false,
    });
    return { exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    process.chdir(previous);
  }
}

export function runBinary(args: string[], input: string | Buffer = '', cwd?: string, env: NodeJS.ProcessEnv = ENV): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, cwd, env, maxBuffer: 256 * 1024 * 1024 });
  return { exitCode: result.status ?? -1, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
}
