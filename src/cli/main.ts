// The command line: parse options into one RepairOptions object, resolve inputs and outputs,
// run the core on each input and write the result. All I/O goes through the injected streams, so
// tests can run `main()` in-process exactly as the binary runs it.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseScriptTarget, resolveOptions, type RepairOptions, type ScriptTarget } from '../core/options.js';
import type { Step } from '../core/plan.js';
import { canonicalCodec } from '../core/codecs.js';
import { decodeBytes, repairBytes, type BytesRepairResult } from '../io/decode.js';
import { MIN_POOL_INPUTS, RepairPool } from './_pool.js';
import { availableParallelism } from 'node:os';
import { repairJsonLines, type BadLine } from '../io/jsonl-field.js';
import { STDIN, exists, isDirectory, isInside, readInput, walkFolder, type InputRef } from '../io/_read.js';
import { backUp, openAtomic, writeFileAtomic, type AtomicWriter } from '../io/_write.js';
import { repairPiece, splitStream, type BytePiece, type RepairedPiece } from '../io/stream.js';
import { FORMATS, type FormatName } from '../format/index.js';
import { damageSteps, type FileResult } from '../format/result.js';
import { formatDiff } from '../format/diff.js';
import { colorEnabled, makePaint, type Paint } from './_color.js';
import { startProgress } from './_progress.js';
import { CliError, EXIT_FAILURE, EXIT_NEEDS_REPAIR, EXIT_OK, MESSAGES } from './_messages.js';
import { VERSION } from './_version.js';

export interface MainParams {
  /** Arguments after the program name. */
  readonly argv: readonly string[];
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  readonly stderrIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
}

interface CliFlags {
  output?: string;
  inPlace?: boolean;
  backup?: string | boolean;
  force?: boolean;
  skipExisting?: boolean;
  followSymlinks?: boolean;
  to?: ScriptTarget;
  format: FormatName;
  encoding?: string;
  check?: boolean;
  diff?: boolean;
  jsonlField?: string;
  jobs?: number;
  explain?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  keepGlosses?: boolean;
  guess: boolean;
  mark?: string;
  punct: RepairOptions['punct'];
}

type Destination =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'in-place'; readonly backupSuffix: string | null }
  | { readonly kind: 'none' };

const EXAMPLES = `
Examples:
  fixnews article.txt --to simplified      repair one file, print it in Simplified script
  curl -s URL | fixnews > clean.txt         repair as a filter in a pipe
  fixnews crawl/ -o clean/                  repair a folder, mirrored into clean/
  fixnews crawl/ --in-place --backup        rewrite files, keeping each original as FILE.orig
  fixnews --check crawl/                    list files that need repair (exit 1 if any)
  fixnews old.txt --encoding gbk --explain  force the input encoding and show each repair

Exit codes: 0 done, 1 --check found damage, 2 usage error or an input that could not be read or written.`;

function buildProgram(out: Writable, err: Writable): Command {
  const program = new Command('fixnews');
  program
    .description('Turn damaged Chinese web text back into clean text.')
    .argument('[paths...]', 'files or folders to repair; none or - reads stdin')
    .option('-o, --output <path>', 'output file, or folder for several inputs (- is stdout)')
    .option('--in-place', 'rewrite the inputs')
    .option('--backup [suffix]', 'with --in-place, keep each original as FILE + suffix (default .orig)')
    .option('--force', 'overwrite existing output files')
    .option('--skip-existing', 'leave inputs whose output file exists (to finish an interrupted batch)')
    .option('--follow-symlinks', 'follow symbolic links inside folders')
    .addOption(
      new Option('--to <script>', 'convert script: simplified|traditional|taiwan|hongkong (s, cn, t, tw, hk)').argParser(
        (value: string) => {
          const target = parseScriptTarget(value);
          if (!target) throw new InvalidArgumentError('expected simplified, traditional, taiwan or hongkong (s, cn, t, tw, hk)');
          return target;
        },
      ),
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'jsonl', 'markdown']).default('text'))
    .option('--diff', 'write nothing; show each change as a character diff on stdout')
    .option('--jsonl-field <path>', 'corpus mode: read JSON Lines, repair this field (e.g. text or doc.body) of each record')
    .addOption(
      new Option('-j, --jobs <n>', 'worker threads for batches (default: the number of cores; 1 for none)').argParser((value: string) => {
        const jobs = Number(value);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
        return jobs;
      }),
    )
    .option('--encoding <name>', 'input encoding (default: BOM, then UTF-8, then detected)')
    .option('--check', 'write nothing; list inputs that need repair, exit 1 if any')
    .option('--explain', 'print each repair step to stderr')
    .option('--keep-glosses', 'keep parenthesised pinyin glosses')
    .option('--no-guess', 'mark characters that only a guessed byte would recover, instead of recovering them')
    .addOption(
      new Option('--mark <char>', 'the character that marks lost characters (default U+FFFD)').argParser((value: string) => {
        if ([...value].length !== 1) throw new InvalidArgumentError('expected one character');
        return value;
      }),
    )
    .addOption(
      new Option('--punct <policy>', 'full-width punctuation: auto (where other damage shows), fullwidth, keep')
        .choices(['auto', 'fullwidth', 'keep'])
        .default('auto'),
    )
    .option('-q, --quiet', 'print no warnings or summary')
    .option('-v, --verbose', 'print each input as it is done')
    .option('--color', 'colour diagnostics')
    .option('--no-color', 'no colour in diagnostics')
    .version(VERSION, '-V, --version')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => out.write(text),
      writeErr: (text) => err.write(text),
      outputError: (text, write) => write(`fixnews ${text.trim()} (see fixnews --help)\n`),
    });
  return program;
}

/** Run the command line; resolves to the exit code. */
export async function main(params: MainParams): Promise<number> {
  const { stdout, stderr } = params;
  const program = buildProgram(stdout, stderr);
  try {
    program.parse([...params.argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_FAILURE;
    throw error;
  }
  const flags = program.opts<CliFlags>();
  const chalk = makePaint(colorEnabled(flags.color, params.env, params.stderrIsTTY));
  const paths = program.args.length > 0 ? program.args : [STDIN];
  try {
    return await run(paths, flags, params, chalk);
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`${chalk.red(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

async function run(paths: string[], flags: CliFlags, params: MainParams, chalk: Paint): Promise<number> {
  const { stderr } = params;
  const warn = (line: string): void => {
    if (!flags.quiet) stderr.write(`${chalk.yellow(line)}\n`);
  };
  if (flags.encoding !== undefined && !canonicalCodec(flags.encoding)) throw new CliError(MESSAGES.unknownEncoding(flags.encoding));
  const options = resolveOptions({
    to: flags.to ?? null,
    keepGlosses: flags.keepGlosses ?? false,
    punct: flags.punct,
    guess: flags.guess,
    ...(flags.mark === undefined ? {} : { mark: flags.mark }),
  });

  const failures: string[] = [];
  const inputs: InputRef[] = [];
  const folders: string[] = [];
  for (const path of paths) {
    if (path === STDIN) {
      inputs.push({ path, relativePath: 'stdin' });
    } else if (await isDirectory(path)) {
      folders.push(path);
      inputs.push(...(await walkFolder(path, (skipped, why) => warn(`fixnews: skipped ${skipped}: ${why}`), flags.followSymlinks)));
    } else if (await exists(path)) {
      inputs.push({ path, relativePath: basename(path) });
    } else {
      stderr.write(`${chalk.red(MESSAGES.missing(path))}\n`);
      failures.push(path);
    }
  }

  const destination = await chooseDestination(paths, folders, flags);
  let needRepair = 0;
  const batch = inputs.length + failures.length > 1 || folders.length > 0;
  const jobs = flags.jobs ?? availableParallelism();
  const pool = jobs > 1 && inputs.length >= MIN_POOL_INPUTS ? new RepairPool(jobs) : null;
  // A window of inputs is read and repaired ahead (in the pool); they are finished in order.
  const window = pool ? jobs * 4 : 1;
  const pending: Promise<Computed>[] = [];
  const startNext = (): void => {
    const index = pending.length;
    const input = inputs[index];
    if (!input) return;
    const computation = compute(input, flags, options, params, pool);
    computation.catch(() => undefined); // awaited in order below; this only marks it handled
    pending.push(computation);
  };
  for (let i = 0; i < window; i += 1) startNext();
  // Outputs to files may be finished in any order, several at a time; stdout needs input order.
  const ordered = destination.kind === 'stdout' || destination.kind === 'none';
  const finishing = new Set<Promise<void>>();
  const settle = async (index: number, input: InputRef): Promise<void> => {
    try {
      const computed = await (pending[index] as Promise<Computed>);
      startNext();
      const outcome = await finish(input, computed, flags, options, destination, params, chalk);
      if (outcome.damaged) needRepair += 1;
    } catch (error) {
      startNext();
      // In a batch a binary file is not an input that failed, only one that is not text.
      if (batch && error instanceof BinaryInputError) {
        warn(`fixnews: skipped ${input.path}: binary (it has NUL bytes)`);
        return;
      }
      const message = error instanceof CliError ? error.message : describeIoError(input.path, error);
      stderr.write(`${chalk.red(message)}\n`);
      failures.push(input.path);
    }
  };
  // A bar for batches on a terminal; never over stdout output, which shares the terminal.
  const progress = startProgress(inputs.length, stderr, batch && params.stderrIsTTY && !flags.quiet && destination.kind !== 'stdout');
  for (const [index, input] of inputs.entries()) {
    if (ordered) {
      await settle(index, input);
      progress.tick();
      continue;
    }
    const job = settle(index, input).finally(() => {
      finishing.delete(job);
      progress.tick();
    });
    finishing.add(job);
    if (finishing.size >= window) await Promise.race(finishing);
  }
  await Promise.all(finishing);

  await pool?.close();
  const total = inputs.length + failures.filter((f) => !inputs.some((i) => i.path === f)).length;
  progress.stop(`fixnews: ${inputs.length} files, ${needRepair} ${flags.check ? 'need' : 'needed'} repair, ${failures.length} failed`);
  if (flags.check && !flags.quiet) {
    stderr.write(`${needRepair} of ${inputs.length} inputs need repair\n`);
  }
  if (failures.length > 0) {
    if (!flags.quiet && total > 1) stderr.write(`${MESSAGES.failedSummary(failures.length, total)}: ${failures.join(', ')}\n`);
    return EXIT_FAILURE;
  }
  return flags.check && needRepair > 0 ? EXIT_NEEDS_REPAIR : EXIT_OK;
}

async function chooseDestination(paths: string[], folders: string[], flags: CliFlags): Promise<Destination> {
  if (flags.backup !== undefined && !flags.inPlace) throw new CliError(MESSAGES.backupWithoutInPlace);
  if (flags.force && flags.skipExisting) throw new CliError(MESSAGES.forceAndSkip);
  if (flags.check || flags.diff) return { kind: 'none' };
  const several = paths.length > 1 || folders.length > 0;
  if (flags.inPlace) {
    if (flags.output !== undefined) throw new CliError(MESSAGES.inPlaceWithOutput);
    if (paths.includes(STDIN)) throw new CliError(MESSAGES.inPlaceStdin);
    if (flags.format !== 'text') throw new CliError(MESSAGES.inPlaceFormat);
    const suffix = flags.backup === undefined ? null : flags.backup === true ? '.orig' : String(flags.backup);
    return { kind: 'in-place', backupSuffix: suffix };
  }
  if (flags.output === undefined || flags.output === STDIN) {
    // JSON Lines is a stream of records: several inputs may share stdout.
    if (several && flags.format !== 'jsonl') throw new CliError(MESSAGES.severalInputs);
    return { kind: 'stdout' };
  }
  const output = flags.output;
  if (several || (await isDirectory(output))) {
    if ((await exists(output)) && !(await isDirectory(output))) throw new CliError(MESSAGES.outputIsFile(output));
    for (const folder of folders) {
      if (await isInside(output, folder)) throw new CliError(MESSAGES.outputInsideInput(output, folder));
    }
    return { kind: 'folder', path: output };
  }
  return { kind: 'file', path: output };
}

class BinaryInputError extends CliError {}

/** Bad lines listed one by one before only their count is given. */
const MAX_BAD_LINES_SHOWN = 20;

interface Outcome {
  readonly damaged: boolean;
}

/**
 * What the CPU-heavy part produced for one input: its bytes and their repair; or, for an input
 * repaired piece by piece as it is read, nothing yet.
 */
type Computed = { readonly bytes: Buffer; readonly repaired: BytesRepairResult | null } | { readonly streamed: true };

/** A piece of a streamed input and its repair under way. */
interface Repairing {
  readonly piece: BytePiece;
  readonly repaired: Promise<RepairedPiece>;
}

/**
 * Heap limits of the workers that repair a large input's pieces: a piece is bounded, so is what
 * repairing it needs, and V8 would otherwise let the heap grow far beyond that.
 */
const STREAM_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

/** Files at least this large are repaired piece by piece in bounded memory; stdin always is. */
const STREAM_MIN_BYTES = 8 * 1024 * 1024;
/** How much of a streamed file is read at a time. */
const READ_BYTES = 1024 * 1024;

/** Whether an input is repaired as a stream: text or JSON Lines out, nothing that needs the whole. */
async function streams(input: InputRef, flags: CliFlags): Promise<boolean> {
  if (flags.diff || flags.explain || (flags.format !== 'text' && flags.jsonlField === undefined)) return false;
  return input.path === STDIN || (await stat(input.path)).size >= STREAM_MIN_BYTES;
}

/** Read an input and repair it (in the pool when there is one). Corpus mode repairs in finish(). */
async function compute(input: InputRef, flags: CliFlags, options: Readonly<RepairOptions>, params: MainParams, pool: RepairPool | null): Promise<Computed> {
  if (await streams(input, flags)) return { streamed: true };
  const bytes = await readInput(input, params.stdin);
  if (looksBinary(bytes, flags.encoding)) throw new BinaryInputError(MESSAGES.binary(input.path));
  if (flags.jsonlField !== undefined) return { bytes, repaired: null };
  const repairOptions = { ...options, encoding: flags.encoding };
  const repaired = pool ? await pool.run({ kind: 'bytes', bytes }, repairOptions) : repairBytes(bytes, repairOptions);
  return { bytes, repaired };
}

/** Report and write one input's repair; inputs are finished in order. */
async function finish(
  input: InputRef,
  computed: Computed,
  flags: CliFlags,
  options: Readonly<RepairOptions>,
  destination: Destination,
  params: MainParams,
  chalk: Paint,
): Promise<Outcome> {
  if ('streamed' in computed) return finishStreamed(input, flags, options, destination, params);
  const { bytes, repaired } = computed;
  const field = flags.jsonlField;
  if (field !== undefined) {
    const decoded = decodeBytes(bytes, { encoding: flags.encoding });
    if (flags.encoding !== undefined && decoded.lossy) throw new CliError(MESSAGES.undecodable(input.path, decoded.encoding));
    const corpus = repairJsonLines(decoded.text, field, options);
    reportBadLines(input, corpus.bad, 0, flags, params);
    reportCorpus(input, corpus, flags, params);
    if (flags.check) return { damaged: corpus.repaired > 0 };
    await deliver(corpus.output, input, bytes, destination, flags, params, null);
    return { damaged: corpus.repaired > 0 };
  }
  // compute() repairs every input but those of corpus mode, handled above.
  if (!repaired) throw new Error(`${input.path} was not repaired`);
  if (flags.encoding !== undefined && repaired.lossy) throw new CliError(MESSAGES.undecodable(input.path, repaired.encoding));
  const result: FileResult = {
    path: input.path,
    original: repaired.original,
    encoding: repaired.encoding,
    confidence: repaired.confidence,
    text: repaired.text,
    steps: repaired.steps,
  };
  const damage = damageSteps(result.steps);
  if (flags.explain) params.stderr.write(explainSteps(input.path, result.steps, chalk));
  if (flags.check) {
    if (damage.length > 0) params.stdout.write(`${input.path}: ${summariseDamage(damage)}\n`);
    return { damaged: damage.length > 0 };
  }
  if (flags.diff) {
    const colour = colorEnabled(flags.color, params.env, params.stdoutIsTTY);
    await writeStream(params.stdout, formatDiff(result, makePaint(colour), colour));
    return { damaged: damage.length > 0 };
  }
  const { format, extension } = FORMATS[flags.format];
  const output = format(result);
  await deliver(output, input, bytes, destination, flags, params, extension);
  if (flags.verbose && !flags.quiet) params.stderr.write(`fixnews: ${input.path}: ${damage.length} repairs\n`);
  return { damaged: damage.length > 0 };
}

function reportBadLines(input: InputRef, bad: readonly BadLine[], shownBefore: number, flags: CliFlags, params: MainParams): void {
  if (flags.quiet) return;
  for (const { line, reason } of bad.slice(0, Math.max(0, MAX_BAD_LINES_SHOWN - shownBefore))) {
    params.stderr.write(`fixnews: ${input.path}:${line}: ${reason}; passed through\n`);
  }
}

function reportCorpus(input: InputRef, corpus: { records: number; repaired: number; bad: readonly unknown[] }, flags: CliFlags, params: MainParams): void {
  if (!flags.quiet && (corpus.bad.length > 0 || flags.verbose)) {
    params.stderr.write(`fixnews: ${input.path}: ${corpus.records} records, ${corpus.repaired} repaired, ${corpus.bad.length} bad lines\n`);
  }
}

/**
 * Repair an input piece by piece as it is read, writing each piece out before more is read, so
 * that memory does not grow with the input. An output file appears only when complete.
 */
async function finishStreamed(
  input: InputRef,
  flags: CliFlags,
  options: Readonly<RepairOptions>,
  destination: Destination,
  params: MainParams,
): Promise<Outcome> {
  const source = input.path === STDIN ? params.stdin : createReadStream(input.path, { highWaterMark: READ_BYTES });
  const field = flags.jsonlField;
  const split = await splitStream(source, flags.encoding, { wholeLines: field !== undefined });
  if (looksBinary(split.head, flags.encoding)) throw new BinaryInputError(MESSAGES.binary(input.path));
  const { encoding } = split.choice;
  const sink = await openSink(input, destination, flags, params);
  // Dropping a byte-order mark changes the file even if no piece does.
  let changed = split.choice.skip > 0;
  let lossy = false;
  const damage: Step[] = [];
  const corpus = { records: 0, repaired: 0, bad: [] as BadLine[] };
  const take = async ({ piece, repaired }: Repairing): Promise<void> => {
    const result = await repaired;
    damage.push(...result.damage);
    if (result.corpus) {
      const bad = result.corpus.bad.map(({ line, reason }) => ({ line: line + piece.linesBefore, reason }));
      reportBadLines(input, bad, corpus.bad.length, flags, params);
      corpus.records += result.corpus.records;
      corpus.repaired += result.corpus.repaired;
      corpus.bad.push(...bad);
    }
    changed ||= result.changed;
    lossy ||= result.lossy;
    await sink?.write(result.output);
  };
  // The first piece is repaired here; from the second on (a large input), pieces go to workers
  // whose heaps are capped, a few at a time, and are written in order.
  const workers = flags.jobs ?? availableParallelism();
  let pool: RepairPool | null = null;
  let first: BytePiece | null = null;
  const inFlight: Repairing[] = [];
  const send = (piece: BytePiece): void => {
    const repaired = (pool as RepairPool).run({ kind: 'piece', bytes: piece.bytes, encoding, field }, options).catch((error: Error) => {
      throw new CliError(MESSAGES.pieceFailed(input.path, piece.linesBefore + 1, error.message));
    });
    repaired.catch(() => undefined); // awaited in order by take(); this only marks it handled
    inFlight.push({ piece, repaired });
  };
  try {
    for await (const piece of split.pieces) {
      if (!first && !pool) {
        first = piece;
        continue;
      }
      if (!pool) {
        pool = new RepairPool(workers, STREAM_WORKER_LIMITS);
        send(first as BytePiece);
      }
      send(piece);
      if (inFlight.length >= workers) await take(inFlight.shift() as Repairing);
    }
    if (!pool && first) await take({ piece: first, repaired: Promise.resolve(repairPiece(first.bytes, encoding, options, field)) });
    for (let next = inFlight.shift(); next; next = inFlight.shift()) await take(next);
    if (flags.encoding !== undefined && lossy) throw new CliError(MESSAGES.undecodable(input.path, encoding));
  } catch (error) {
    await sink?.abort();
    throw error;
  } finally {
    await pool?.close();
  }
  if (destination.kind === 'in-place' && !changed) await sink?.abort();
  else {
    if (destination.kind === 'in-place' && destination.backupSuffix !== null) await backUp(input.path, destination.backupSuffix);
    await sink?.commit();
  }
  const damaged = field === undefined ? damage.length > 0 : corpus.repaired > 0;
  if (field !== undefined) reportCorpus(input, corpus, flags, params);
  else if (flags.check && damaged) params.stdout.write(`${input.path}: ${summariseDamage(damage)}\n`);
  else if (flags.verbose && !flags.quiet) params.stderr.write(`fixnews: ${input.path}: ${damage.length} repairs\n`);
  return { damaged };
}

/** Where a streamed input's output goes; `null` for none (--check, or a file --skip-existing keeps). */
async function openSink(input: InputRef, destination: Destination, flags: CliFlags, params: MainParams): Promise<AtomicWriter | null> {
  switch (destination.kind) {
    case 'none':
      return null;
    case 'stdout':
      return { write: (text) => writeStream(params.stdout, text), commit: async () => undefined, abort: async () => undefined };
    case 'in-place':
      return openAtomic(input.path);
    case 'file':
    case 'folder': {
      const path = await outputPath(input, destination, null);
      if (!(await mayWrite(path, flags))) return null;
      try {
        return await openAtomic(path);
      } catch (error) {
        throw new CliError(MESSAGES.unwritable(path, errorCode(error)));
      }
    }
  }
}

/** The output file of an input for a file or folder destination. */
async function outputPath(input: InputRef, destination: Destination & { kind: 'file' | 'folder' }, extension: string | null): Promise<string> {
  if (destination.kind === 'file') {
    if (input.path !== STDIN && (await sameFile(input.path, destination.path))) throw new CliError(MESSAGES.sameFile(input.path));
    return destination.path;
  }
  const relative = input.path === STDIN ? 'stdin.txt' : input.relativePath;
  return join(destination.path, extension ? swapExtension(relative, extension) : relative);
}

/** Whether an output file may be written: not if it exists, unless --force (--skip-existing: quietly not). */
async function mayWrite(path: string, flags: CliFlags): Promise<boolean> {
  if (flags.force || !(await exists(path))) return true;
  if (flags.skipExisting) return false;
  throw new CliError(MESSAGES.outputExists(path));
}

async function deliver(
  output: string,
  input: InputRef,
  original: Buffer,
  destination: Destination,
  flags: CliFlags,
  params: MainParams,
  extension: string | null,
): Promise<void> {
  switch (destination.kind) {
    case 'none':
      return;
    case 'stdout':
      await writeStream(params.stdout, output);
      return;
    case 'file':
    case 'folder': {
      const path = await outputPath(input, destination, extension);
      if (await mayWrite(path, flags)) await writeNew(path, output);
      return;
    }
    case 'in-place': {
      if (Buffer.from(output, 'utf8').equals(original)) return;
      if (destination.backupSuffix !== null) await backUp(input.path, destination.backupSuffix);
      await writeFileAtomic(input.path, output);
      return;
    }
  }
}

async function writeNew(path: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    throw new CliError(MESSAGES.unwritable(path, errorCode(error)));
  }
}

function swapExtension(path: string, extension: string): string {
  const current = extname(path);
  return (current ? path.slice(0, -current.length) : path) + extension;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return resolve(a) === resolve(b);
  }
}

// NUL bytes do not occur in text of any encoding fixnews reads, except UTF-16.
function looksBinary(bytes: Uint8Array, encoding: string | undefined): boolean {
  if (encoding !== undefined && canonicalCodec(encoding)?.startsWith('utf-16')) return false;
  const head = bytes.subarray(0, 8192);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  const zeros = head.reduce((n, byte) => n + (byte === 0 ? 1 : 0), 0);
  // UTF-16 without a BOM has zeros in about half its bytes; a few zeros in a large head are binary.
  return zeros > 0 && zeros < head.length * 0.3;
}

function summariseDamage(steps: readonly Step[]): string {
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step.fixer, (counts.get(step.fixer) ?? 0) + step.count);
  return [...counts].map(([fixer, count]) => `${fixer} (${count})`).join(', ');
}

function explainSteps(path: string, steps: readonly Step[], chalk: Paint): string {
  const lines = [chalk.bold(`${path}:`)];
  for (const step of steps) {
    const where = step.where.length > 0 ? ` at ${step.where.join(', ')}${step.count > step.where.length ? ', ...' : ''}` : '';
    lines.push(`  ${chalk.cyan(`${step.kind} ${step.fixer}`)}: ${step.detail} (${step.count} ${step.count === 1 ? 'place' : 'places'}${where})`);
  }
  if (steps.length <= 1) lines.push('  nothing to repair');
  return `${lines.join('\n')}\n`;
}

function writeStream(stream: Writable, content: string | Uint8Array): Promise<void> {
  return new Promise((done, fail) => {
    stream.write(content, (error) => (error ? fail(error) : done()));
  });
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : String(error);
}

function describeIoError(path: string, error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return MESSAGES.missing(path);
  if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') return MESSAGES.unreadable(path, code);
  throw error;
}
