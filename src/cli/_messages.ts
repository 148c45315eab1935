// Every error a user can cause, as one line that says what to do next. Exit codes are in the README.

export const EXIT_OK = 0;
export const EXIT_NEEDS_REPAIR = 1;
export const EXIT_FAILURE = 2;

/** The only error the CLI reports as a usage or I/O failure; anything else is a bug. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

export const MESSAGES = {
  severalInputs:
    'fixnews error: several inputs or a folder need -o DIR (to mirror them), --in-place (to rewrite them) or --format jsonl (records on stdout)',
  inPlaceStdin: 'fixnews error: --in-place needs file or folder arguments, not stdin',
  inPlaceWithOutput: 'fixnews error: use either -o or --in-place, not both',
  inPlaceFormat: 'fixnews error: --in-place writes text; drop --format or use -o DIR for json or markdown',
  backupWithoutInPlace: 'fixnews error: --backup only goes with --in-place',
  forceAndSkip: 'fixnews error: use either --force (overwrite outputs) or --skip-existing (keep them), not both',
  outputInsideInput: (out: string, input: string) =>
    `fixnews error: the output folder ${out} lies inside the input folder ${input}; choose an output outside it`,
  sameFile: (path: string) => `fixnews error: ${path} is both input and output; use --in-place to rewrite it`,
  outputExists: (path: string) => `fixnews error: ${path} exists; use --force to overwrite it, or --skip-existing to keep it`,
  outputIsFile: (path: string) => `fixnews error: ${path} is a file, but several inputs need an output folder`,
  missing: (path: string) => `fixnews error: ${path}: no such file or folder`,
  unreadable: (path: string, why: string) => `fixnews error: ${path}: cannot read (${why})`,
  unwritable: (path: string, why: string) => `fixnews error: ${path}: cannot write (${why})`,
  binary: (path: string) => `fixnews error: ${path} looks binary (it has NUL bytes); if it is UTF-16 text, use --encoding utf-16le`,
  unknownEncoding: (name: string) => `fixnews error: unknown encoding '${name}'; try utf-8, gb18030, gbk, big5, shift_jis, euc-kr or windows-1252`,
  undecodable: (path: string, encoding: string) =>
    `fixnews error: ${path} is not valid ${encoding}; use another --encoding, or leave it out to detect one`,
  pieceFailed: (path: string, line: number, why: string) =>
    `fixnews error: ${path}: the part from line ${line} could not be repaired (${why}); nothing was written`,
  failedSummary: (failed: number, total: number) => `fixnews: ${failed} of ${total} inputs failed`,
} as const;
