// Safe writes: the new content goes to a temporary file in the target's folder and is renamed over
// the target, so a reader never sees a partial file and an error never truncates an input.
import { createWriteStream, rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Temporary files being written now, so that an interrupt can remove them. */
const pending = new Set<string>();

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.fixnews-${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  pending.add(temporary);
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
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

/** Remove the temporary files of writes under way (on SIGINT): no partial file is left. */
export function removePendingFiles(): void {
  for (const temporary of pending) rmSync(temporary, { force: true });
  pending.clear();
}

/** Keep the original beside the file before it is replaced in place. */
export async function backUp(path: string, suffix: string): Promise<void> {
  await copyFile(path, path + suffix);
}
