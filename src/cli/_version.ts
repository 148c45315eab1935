import { createRequire } from 'node:module';

// package.json is the one place the version is written; it ships with every install.
export const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
