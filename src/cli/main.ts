// The command line: parse options into one RepairOptions object, resolve inputs and outputs,
// run the core on each input and write the result. All I/O goes through the injected streams, so
// tests can run `main()` in-process exactly as the binary runs it.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { parseScriptTarget, resolveOptions } from '../core/options.js';
import { canonicalCodec } from '../core/codecs.js';
import { STDIN, exists, isDirectory, isInside, walkFolder, type InputRef } from '../io/_read.js';
import { colorEnabled, makePaint, type Paint } from './_color.js';
import { handleInputReply, streams, targetPath, type BatchContext, type CliFlags, type Destination, type InputReply, type MainParams } from './_input.js';
import { expectTemporary } from '../io/_write.js';
import { FORMATS } from '../format/index.js';
import { INPUTS_PER_JOB, MIN_POOL_INPUTS, RepairPool } from './_pool.js';
import { startProgress } from './_progress.js';
import { CliError, EXIT_FAILURE, EXIT_NEEDS_REPAIR, EXIT_OK, MESSAGES } from './_messages.js';
import { VERSION } from './_version.js';

export type { MainParams } from './_input.js';

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
  const folders: string[] = [];
  for (const path of paths) if (path !== STDIN && (await isDirectory(path))) folders.push(path);
  const destination = await chooseDestination(paths, folders, flags);
  let needRepair = 0;
  const batch = paths.length > 1 || folders.length > 0;
  const jobs = flags.jobs ?? availableParallelism();
  const color = colorEnabled(flags.color, params.env, params.stderrIsTTY);
  const context: BatchContext = { flags, options, destination, color, env: params.env, stdoutIsTTY: params.stdoutIsTTY };
  // Workers start (and load their tables) while the folders are walked, if there may be enough inputs.
  let pool = jobs > 1 && (folders.length > 0 || paths.length >= MIN_POOL_INPUTS) ? new RepairPool(jobs, { context }) : null;

  const inputs: InputRef[] = [];
  for (const path of paths) {
    if (path === STDIN) {
      inputs.push({ path, relativePath: 'stdin' });
    } else if (folders.includes(path)) {
      inputs.push(...(await walkFolder(path, (skipped, why) => warn(`fixnews: skipped ${skipped}: ${why}`), flags.followSymlinks)));
    } else if (await exists(path)) {
      inputs.push({ path, relativePath: basename(path) });
    } else {
      stderr.write(`${chalk.red(MESSAGES.missing(path))}\n`);
      failures.push(path);
    }
  }
  if (pool && inputs.length < MIN_POOL_INPUTS) {
    await pool.close();
    pool = null;
  }
  // Inputs are handled ahead, a window at a time: in the pool, whose workers read, repair and
  // write them, a few at a time per message; what they print is printed here, in input order
  // where it goes to stdout.
  const window = pool ? jobs * 2 * INPUTS_PER_JOB : 1;
  const pending: Promise<InputReply>[] = [];
  let settled = 0;
  const startNext = (): void => {
    const first = inputs[pending.length] as InputRef;
    if (!pool || streams(first, flags)) {
      const handling = handleInputReply(first, context, params, chalk);
      handling.catch(() => undefined); // awaited in order below; this only marks it handled
      pending.push(handling);
      return;
    }
    const chunk: InputRef[] = [];
    for (let i = pending.length; i < inputs.length && chunk.length < INPUTS_PER_JOB && !streams(inputs[i] as InputRef, flags); i += 1) {
      chunk.push(inputs[i] as InputRef);
    }
    // The workers write the files: their temporary files are this thread's to remove on an interrupt.
    const releases = chunk.map((input) => {
      const target = targetPath(input, destination, FORMATS[flags.format].extension);
      return target ? expectTemporary(target) : () => undefined;
    });
    const replies = pool.run({ kind: 'inputs', inputs: chunk });
    replies.finally(() => releases.forEach((release) => release())).catch(() => undefined);
    chunk.forEach((_, i) => {
      const handling = replies.then((all) => all[i] as InputReply);
      handling.catch(() => undefined);
      pending.push(handling);
    });
  };
  const fill = (): void => {
    while (pending.length < inputs.length && pending.length - settled < window) startNext();
  };
  fill();
  // Outputs to files may be finished in any order, several at a time; stdout needs input order.
  const ordered = destination.kind === 'stdout' || destination.kind === 'none';
  const finishing = new Set<Promise<void>>();
  const settle = async (index: number, input: InputRef): Promise<void> => {
    const reply = await (pending[index] as Promise<InputReply>);
    settled += 1;
    fill();
    if (reply.stdout) params.stdout.write(reply.stdout);
    if (reply.stderr) stderr.write(reply.stderr);
    if (!reply.failure) {
      if (reply.damaged) needRepair += 1;
    } else if (batch && reply.failure.binary) {
      // In a batch a binary file is not an input that failed, only one that is not text.
      warn(`fixnews: skipped ${input.path}: binary (it has NUL bytes)`);
    } else {
      stderr.write(`${chalk.red(reply.failure.message)}\n`);
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

