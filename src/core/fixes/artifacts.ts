// The classic artifacts of Chinese text processing, which hold no text at all:
// - 锟斤拷: the UTF-8 bytes of two U+FFFD (EF BF BD EF BF BD) read as GBK. The characters were lost
//   before; each 锟斤拷 stands for two of them.
// - 烫烫烫 and 屯屯屯: bytes CC and CD, with which debug builds fill uninitialised memory, read as
//   GBK. Two such characters are ordinary Chinese (烫烫的), so only runs of three or more count.
// Each becomes the mark of lost characters, U+FFFD, one per lost character.
import { Changes, registerFixer, type StepParams } from '../plan.js';
import { LOST } from './mark.js';

const ARTIFACTS = /(?:锟斤拷)+|烫{3,}|屯{3,}/gu;

export function hasArtifacts(text: string): boolean {
  ARTIFACTS.lastIndex = 0;
  return ARTIFACTS.test(text);
}

/**
 * Mark the characters that processing artifacts stand for as lost.
 *
 * @example
 * markArtifacts('发言锟斤拷。烫烫的茶', {}) // '发言\uFFFD\uFFFD。烫烫的茶'
 */
export function markArtifacts(text: string, _params: StepParams, changes?: Changes): string {
  return text.replace(ARTIFACTS, (artifact: string, offset: number) => {
    changes?.note(offset);
    // 锟斤拷 is two lost characters; a character of 烫烫烫 is two bytes of uninitialised memory, one lost character.
    return artifact.startsWith('锟') ? LOST.repeat((artifact.length / 3) * 2) : LOST.repeat(artifact.length);
  });
}
registerFixer('markArtifacts', markArtifacts);
