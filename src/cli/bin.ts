#!/usr/bin/env node
import { main } from './main.js';
import { removePendingFiles } from '../io/_write.js';
import { stopAllPools } from './_pool.js';

// A reader that closes the pipe early (`fixnews big.txt | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C in a batch: outputs already renamed into place are complete; the one being written is
// removed, so a rerun (with --force, or into a fresh folder) finishes the rest.
process.on('SIGINT', async () => {
  await stopAllPools();
  removePendingFiles();
  process.stderr.write('fixnews: interrupted\n');
  process.exit(130);
});

process.exitCode = await main({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
});
