// Safe writes: the new content goes to a temporary file in the target's folder and is renamed over
// the target, so a reader never sees a partial file and an error never truncates an input.
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.fixnews-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Keep the original beside the file before it is replaced in place. */
export async function backUp(path: string, suffix: string): Promise<void> {
  await copyFile(path, path + suffix);
}
