// Inputs: stdin, files, and folders walked recursively in a stable (sorted) order. Each input
// keeps the path it will be reported under and, for folder members, its path relative to the
// folder, so that an output folder can mirror it.
import { lstatSync, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';

export interface InputRef {
  /** `-` for stdin, else the path as the user will recognise it. */
  readonly path: string;
  /** Path below the folder argument it was found in, or the file's own name for a file argument. */
  readonly relativePath: string;
  /** The folder argument it came from, if any. */
  readonly root?: string;
}

export const STDIN = '-';

export async function readStdin(stdin: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

// A file is read in one synchronous call: several times faster than fs/promises, which takes
// several trips through the event loop per file, and what makes a batch of small files I/O-bound.
export async function readInput(input: InputRef, stdin: Readable): Promise<Buffer> {
  return input.path === STDIN ? readStdin(stdin) : readFileSync(input.path);
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every regular file below `root`, sorted by relative path. Symbolic links are not followed
 * unless `followSymlinks` (they can lead out of the tree); when followed, a folder already visited
 * (a loop) is skipped. Skipped entries are reported to `onSkip`.
 */
export async function walkFolder(
  root: string,
  onSkip: (path: string, why: string) => void,
  followSymlinks = false,
): Promise<InputRef[]> {
  const found: InputRef[] = [];
  const visited = new Set<string>();
  async function visit(folder: string): Promise<void> {
    const real = await realOrResolved(folder);
    if (visited.has(real)) {
      onSkip(folder, 'folder already visited (a symbolic link loop)');
      return;
    }
    visited.add(real);
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      // Node decodes names as UTF-8; a name that is not UTF-8 cannot be opened by its decoded form.
      if (entry.name.includes('\uFFFD')) {
        onSkip(path, 'file name is not valid UTF-8; rename it to repair it');
        continue;
      }
      let kind: 'file' | 'folder' | 'other' = entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      if (entry.isSymbolicLink()) {
        if (!followSymlinks) {
          onSkip(path, 'symbolic link not followed (use --follow-symlinks)');
          continue;
        }
        const target = await stat(path).catch(() => null);
        kind = target?.isDirectory() ? 'folder' : target?.isFile() ? 'file' : 'other';
      }
      if (kind === 'folder') await visit(path);
      else if (kind === 'file') found.push({ path, relativePath: relative(root, path), root });
      else onSkip(path, 'not a regular file');
    }
  }
  await visit(root);
  return found;
}

/** Whether `inner` is `outer` or lies inside it (both resolved, symlinks included). */
export async function isInside(inner: string, outer: string): Promise<boolean> {
  const [a, b] = await Promise.all([realOrResolved(inner), realOrResolved(outer)]);
  const rel = relative(b, a);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

export async function exists(path: string): Promise<boolean> {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}
