// Loading on demand. Dependencies and tables that only some inputs or options need are required
// on first use (Node >= 20.19 can require ES modules), so that start-up and clean text pay nothing.
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
