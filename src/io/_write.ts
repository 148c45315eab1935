// Safe writes: the new content goes to a temporary file in the target's folder and is renamed over
// the target, so a reader never sees a partial file and an error never truncates an input.
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files being written now, so that an interrupt can remove them. */
const pending = new Set<string>();

/**
 * The temporary file for a target: one per target and process, so that an interrupted run can
 * find and remove it, and two processes writing the same target never share one.
 */
function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.fixnews-${process.pid}.tmp`);
}

/** Folders already made by this process: a batch writes thousands of files into a few. */
const madeFolders = new Set<string>();

function makeFolder(folder: string): void {
  if (madeFolders.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  madeFolders.add(folder);
}

/**
 * Write a file whole or not at all. Synchronous: for the small files of a batch, several times
 * faster than fs/promises, whose trips through the thread pool cost more than the writing.
 */
export function writeFileAtomic(path: string, content: string): void {
  makeFolder(dirname(path));
  const temporary = temporaryPath(path);
  pending.add(temporary);
  try {
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    pending.delete(temporary);
  }
}

/** A file written piece by piece that appears under its name only when committed. */
export interface AtomicWriter {
  write(content: string | Uint8Array): Promise<void>;
  /** Put the file in place. */
  commit(): Promise<void>;
  /** Remove what was written; the target is untouched. */
  abort(): Promise<void>;
}

export async function openAtomic(path: string): Promise<AtomicWriter> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  pending.add(temporary);
  const stream = createWriteStream(temporary);
  const close = (): Promise<void> =>
    new Promise((done, fail) => {
      stream.once('error', fail);
      stream.end(done);
    });
  return {
    write: (content) => new Promise((done, fail) => stream.write(content, (error) => (error ? fail(error) : done()))),
    commit: async () => {
      try {
        await close();
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      } finally {
        pending.delete(temporary);
      }
    },
    abort: async () => {
      stream.destroy();
      await rm(temporary, { force: true });
      pending.delete(temporary);
    },
  };
}

/**
 * Count the temporary file of `target` as under way, for a write another thread does; the
 * returned function ends that.
 */
export function expectTemporary(target: string): () => void {
  const temporary = temporaryPath(target);
  pending.add(temporary);
  return () => pending.delete(temporary);
}

/** Remove the temporary files of writes under way (on SIGINT): no partial file is left. */
export function removePendingFiles(): void {
  for (const temporary of pending) rmSync(temporary, { force: true });
  pending.clear();
}

/** Keep the original beside the file before it is replaced in place. */
export async function backUp(path: string, suffix: string): Promise<void> {
  await copyFile(path, path + suffix);
}
