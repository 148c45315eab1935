// What the command line does for one input: read it (whole, or piece by piece when large), repair
// it, report and write the result. main.ts decides what the inputs and the destination are and
// runs this for each, in the main thread or in pool workers.
import { createReadStream, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { RepairOptions, ScriptTarget } from '../core/options.js';
import type { Step } from '../core/plan.js';
import { canonicalCodec } from '../core/codecs.js';
import { decodeBytes, repairBytes } from '../io/decode.js';
import { repairJsonLines, type BadLine } from '../io/jsonl-field.js';
import { STDIN, exists, readInput, type InputRef } from '../io/_read.js';
import { backUp, expectTemporary, openAtomic, writeFileAtomic, type AtomicWriter } from '../io/_write.js';
import { repairPiece, splitStream, type BytePiece, type RepairedPiece } from '../io/stream.js';
import { FORMATS, formatDiff, type FormatName } from '../format/index.js';
import { damageSteps, type FileResult } from '../format/result.js';
import { colorEnabled, makePaint, type Paint } from './_color.js';
import { CliError, MESSAGES } from './_messages.js';
import { isMainThread } from 'node:worker_threads';
import { RepairPool } from './_pool.js';

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

export interface CliFlags {
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

export type Destination =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'in-place'; readonly backupSuffix: string | null }
  | { readonly kind: 'none' };

export class BinaryInputError extends CliError {}

/** Bad lines listed one by one before only their count is given. */
const MAX_BAD_LINES_SHOWN = 20;

export interface Outcome {
  readonly damaged: boolean;
}

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
const READ_BYTES = 256 * 1024;

/** Whether an input is repaired as a stream: text or JSON Lines out, nothing that needs the whole. */
export function streams(input: InputRef, flags: CliFlags): boolean {
  if (flags.diff || flags.explain || (flags.format !== 'text' && flags.jsonlField === undefined)) return false;
  return input.path === STDIN || statSync(input.path).size >= STREAM_MIN_BYTES;
}

/** What every input of a run is handled with. */
export interface RunSettings {
  readonly flags: CliFlags;
  readonly options: Readonly<RepairOptions>;
  readonly destination: Destination;
}

/** What every input of a batch is handled with: the same in the main thread and in each worker. */
export interface BatchContext extends RunSettings {
  /** Colour on stderr, as the main thread decided. */
  readonly color: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
}

/** What handling an input gave: whether it needed repair, what it printed, or why it failed. */
export interface InputReply extends Outcome {
  /** What went to stdout and stderr when they were collected (in a worker); empty otherwise. */
  readonly stdout: string;
  readonly stderr: string;
  readonly failure?: { readonly message: string; readonly binary: boolean };
}

/** Handle an input, turning a failure the user can cause into a reply; a bug still throws. */
export async function handleInputReply(
  input: InputRef,
  settings: RunSettings,
  params: MainParams,
  chalk: Paint,
  collected: () => { stdout: string; stderr: string } = () => ({ stdout: '', stderr: '' }),
): Promise<InputReply> {
  try {
    const outcome = await handleInput(input, settings, params, chalk);
    return { ...outcome, ...collected() };
  } catch (error) {
    const message = error instanceof CliError ? error.message : describeIoError(input.path, error);
    return { damaged: false, ...collected(), failure: { message, binary: error instanceof BinaryInputError } };
  }
}

/**
 * Read, repair, report and write one input: everything the command line does for it. It runs in
 * the main thread or, for a batch, in a pool worker, with stdout and stderr collected for the
 * main thread to print in order.
 */
async function handleInput(input: InputRef, settings: RunSettings, params: MainParams, chalk: Paint): Promise<Outcome> {
  const { flags, options, destination } = settings;
  if (streams(input, flags)) return handleStreamed(input, settings, params);
  const bytes = await readInput(input, params.stdin);
  if (looksBinary(bytes, flags.encoding)) throw new BinaryInputError(MESSAGES.binary(input.path));
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
  const repaired = repairBytes(bytes, { ...options, encoding: flags.encoding });
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
async function handleStreamed(input: InputRef, settings: RunSettings, params: MainParams): Promise<Outcome> {
  const { flags, options, destination } = settings;
  // An output that --skip-existing keeps: nothing to read.
  if ((destination.kind === 'file' || destination.kind === 'folder') && !(await mayWrite(await outputPath(input, destination, null), flags))) {
    return { damaged: false };
  }
  const workers = flags.jobs ?? availableParallelism();
  // With one worker, the whole input goes to it: reading and writing there too, the main thread
  // holds nothing and the capped heap bounds the process (stdout stays here, in order).
  if (isMainThread && workers === 1 && input.path !== STDIN && destination.kind !== 'stdout') {
    return handleInWorker(input, settings, params);
  }
  const source = input.path === STDIN ? params.stdin : createReadStream(input.path, { highWaterMark: READ_BYTES });
  const field = flags.jsonlField;
  const split = await splitStream(source, flags.encoding, { wholeLines: field !== undefined });
  if (looksBinary(split.head, flags.encoding)) {
    if (source !== params.stdin) source.destroy();
    throw new BinaryInputError(MESSAGES.binary(input.path));
  }
  const { encoding } = split.choice;
  const sink = await openSink(input, destination, params);
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
  // whose heaps are capped, a few at a time, and are written in order. In a worker, every piece
  // is repaired in place.
  let pool: RepairPool | null = null;
  let first: BytePiece | null = null;
  const inFlight: Repairing[] = [];
  const send = (piece: BytePiece): void => {
    const repaired = (pool as RepairPool).run({ kind: 'piece', bytes: piece.bytes, encoding, field, options }).catch((error: Error) => {
      throw new CliError(MESSAGES.pieceFailed(input.path, piece.linesBefore + 1, error.message));
    });
    repaired.catch(() => undefined); // awaited in order by take(); this only marks it handled
    inFlight.push({ piece, repaired });
  };
  try {
    for await (const piece of split.pieces) {
      if (!isMainThread) {
        await take({ piece, repaired: Promise.resolve(repairPiece(piece.bytes, encoding, options, field)) });
        continue;
      }
      if (!first && !pool) {
        first = piece;
        continue;
      }
      if (!pool) {
        pool = new RepairPool(workers, { limits: STREAM_WORKER_LIMITS });
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
    if (source !== params.stdin) source.destroy();
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

/** Handle a large input entirely in one worker whose heap is capped (see handleStreamed). */
async function handleInWorker(input: InputRef, settings: RunSettings, params: MainParams): Promise<Outcome> {
  const color = colorEnabled(settings.flags.color, params.env, params.stderrIsTTY);
  const pool = new RepairPool(1, {
    limits: STREAM_WORKER_LIMITS,
    context: { ...settings, color, env: params.env, stdoutIsTTY: params.stdoutIsTTY },
  });
  const { destination } = settings;
  // The worker writes the file: its temporary file is this thread's to remove on an interrupt.
  const target = targetPath(input, destination, null);
  const release = target ? expectTemporary(target) : () => undefined;
  try {
    const [reply] = await pool.run({ kind: 'inputs', inputs: [input] });
    if (!reply) throw new Error(`no reply for ${input.path}`);
    params.stdout.write(reply.stdout);
    params.stderr.write(reply.stderr);
    if (reply.failure) throw reply.failure.binary ? new BinaryInputError(reply.failure.message) : new CliError(reply.failure.message);
    return { damaged: reply.damaged };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(MESSAGES.pieceFailed(input.path, 1, error instanceof Error ? error.message : String(error)));
  } finally {
    release();
    await pool.close();
  }
}

/** Where a streamed input's output goes; `null` for none (--check). */
async function openSink(input: InputRef, destination: Destination, params: MainParams): Promise<AtomicWriter | null> {
  switch (destination.kind) {
    case 'none':
      return null;
    case 'stdout':
      return { write: (text) => writeStream(params.stdout, text), commit: async () => undefined, abort: async () => undefined };
    case 'in-place':
      return openAtomic(input.path);
    case 'file':
    case 'folder': {
      // May it be written: checked before the input was read.
      const path = await outputPath(input, destination, null);
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
  if (destination.kind === 'file' && input.path !== STDIN && (await sameFile(input.path, destination.path))) {
    throw new CliError(MESSAGES.sameFile(input.path));
  }
  return targetPath(input, destination, extension) as string;
}

/** The file an input's output goes to, if it goes to a file (before any check). */
export function targetPath(input: InputRef, destination: Destination, extension: string | null): string | null {
  switch (destination.kind) {
    case 'file':
      return destination.path;
    case 'folder': {
      const relative = input.path === STDIN ? 'stdin.txt' : input.relativePath;
      return join(destination.path, extension ? swapExtension(relative, extension) : relative);
    }
    case 'in-place':
      return input.path;
    default:
      return null;
  }
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
      writeFileAtomic(input.path, output);
      return;
    }
  }
}

async function writeNew(path: string, content: string): Promise<void> {
  try {
    writeFileAtomic(path, content);
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

export function describeIoError(path: string, error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return MESSAGES.missing(path);
  if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') return MESSAGES.unreadable(path, code);
  throw error;
}
