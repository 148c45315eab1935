// Work on demand. Dependencies and tables that only some inputs or options need are required on
// first use (Node >= 20.19 can require ES modules), so that start-up and clean text pay nothing;
// and what the model asks of every character is worked out once per character.
import { createRequire } from 'node:module';

export const requireModule = createRequire(import.meta.url);

/** A function that computes its value on the first call and returns the same value after. */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

/**
 * `classify` by code unit of the Basic Multilingual Plane, each worked out on first use and kept
 * in a table of 64 kB (at most 255 different classes): for what a repair asks of every character
 * it judges. Characters beyond the Basic Multilingual Plane are the callers' to classify.
 */
export function byCodeUnit<T>(classify: (char: string) => T): (code: number) => T {
  const classes: T[] = [];
  // An index into `classes` plus one; 0 for not yet.
  const table = new Uint8Array(0x10000);
  return (code) => {
    const known = table[code] as number;
    if (known !== 0) return classes[known - 1] as T;
    const found = classify(String.fromCharCode(code));
    let index = classes.indexOf(found);
    if (index < 0) index = classes.push(found) - 1;
    table[code] = index + 1;
    return found;
  };
}
