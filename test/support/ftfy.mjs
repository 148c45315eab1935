// What the ftfy conformance suite compares: fixnews's encoding repair alone (ftfy's
// `fix_encoding`), with the Chinese-specific restorations switched off.
import { repair } from '../../dist/index.js';

export const FTFY_FILES = ['in-the-wild.json', 'synthetic.json', 'negative.json', 'language-names.json', 'known-failures.json'];

export function ftfyExpected(item) {
  return item['fixed-encoding'] ?? item.fixed;
}

export const FTFY_OPTIONS = { punct: 'keep', keepGlosses: true, fixWebDebris: false };

export function ftfyRepair(text) {
  return repair(text, FTFY_OPTIONS).text;
}
