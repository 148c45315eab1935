// Safe writes: the new content goes to a temporary file in the target's folder and is renamed over
// the target, so a reader never sees a partial file and an error never truncates an input.
import { rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Temporary files being written now, so that an interrupt can remove them. */
const pending = new Set<string>();

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.fixnews-${randomBytes(4).toString('hex')}.tmp`);
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

/** Remove the temporary files of writes under way (on SIGINT): no partial file is left. */
export function removePendingFiles(): void {
  for (const temporary of pending) rmSync(temporary, { force: true });
  pending.clear();
}

/** Keep the original beside the file before it is replaced in place. */
export async function backUp(path: string, suffix: string): Promise<void> {
  await copyFile(path, path + suffix);
}
