import { Command, CommanderError, Option } from 'commander';
import { version } from '../../package.json';
import { EnsembleAbortedError } from '../ensemble/ensemble-aborted-error';
import { NODE_BACKENDS } from '../gpu/node-backends';
import { CliError, EXIT } from './exit-codes';

// Each command's module is imported when the command runs, so `--help` and
// `--version` load commander alone: no engine, no zod, no WebGPU.
const program = new Command()
  .name('sdeflow')
  .description('Monte Carlo ensembles of stochastic-optimization dynamics on WebGPU')
  .version(version, '-V, --version', 'print the version')
  .option('--verbose', 'show error details')
  .showHelpAfterError()
  // Usage errors (unknown option, missing argument, bad choice) are invalid input: exit 2, not commander's 1.
  .exitOverride();

const backendOption = () =>
  new Option('--backend <name>', 'WebGPU backend in Node (default: SDEFLOW_BACKEND or auto)').choices([...NODE_BACKENDS]);

program
  .command('run')
  .description('run an experiment file')
  .argument('<file>', 'experiment file (JSON, format v1)')
  .option('--out <file>', 'write the result JSON here')
  .option('--csv <dir>', 'also write the series (and histograms, exit times, comparisons, slopes) as CSV files into this folder')
  .option('--trajectories <n>', "override the file's ensemble size")
  .option('--shard <i/n>', 'run only shard i of n (trajectories [iN/n, (i+1)N/n)) and write its part file to --out')
  .addOption(new Option('--device <where>', 'gpu (WebGPU) or cpu (float64 reference)').choices(['gpu', 'cpu']).default('gpu'))
  .addOption(backendOption())
  .option('--quiet', 'print no table')
  .option('--dry-run', 'print the plan (chunks, buffers, dispatches, memory, estimated time from a short calibration) and run nothing else')
  .option('--checkpoint <file>', 'keep a resumable checkpoint in this file (Ctrl-C writes it and exits 130; sdeflow resume FILE continues)')
  .option('--checkpoint-every <seconds>', 'least time between two checkpoints within a run (default 10)')
  .action(async (file, options) => (await import('./commands/run')).runCommand(file, options));

program
  .command('resume')
  .description('continue a run from its --checkpoint file; the result equals the uninterrupted run')
  .argument('<checkpoint>', 'the checkpoint file')
  .option('--out <file>', "write the result JSON here (default: the run's --out)")
  .option('--csv <dir>', "also write CSV files into this folder (default: the run's --csv)")
  .option('--checkpoint-every <seconds>', 'least time between two checkpoints within a run (default 10)')
  .addOption(backendOption())
  .option('--quiet', 'print no table')
  .action(async (checkpoint, options) => (await import('./commands/resume')).resumeCommand(checkpoint, options));

program
  .command('merge')
  .description('join the part files of a sharded run (run --shard i/n) into its result')
  .argument('<parts...>', 'part files, one per shard, in any order')
  .option('--out <file>', 'write the merged result JSON here (required)')
  .option('--csv <dir>', 'also write CSV files into this folder (as run --csv)')
  .option('--quiet', 'print no table')
  .action(async (parts, options) => (await import('./commands/merge')).mergeCommand(parts, options));

program
  .command('devices')
  .description('list the WebGPU adapters this machine offers')
  .option('--json', 'print JSON')
  .action(async (options) => (await import('./commands/devices')).devicesCommand(options));

program
  .command('bench')
  .description('measure trajectory-steps per second, WebGPU vs the float64 CPU reference')
  .option('--quick', 'smaller ensembles')
  .option('--out <file>', 'write the measurements as JSON')
  .option('--only <names>', 'only these comma-separated cases: ids (ou-d1), full names, or id patterns with * (ou-*)')
  .option('--no-browser', 'skip the headless-Chromium benchmark')
  .addOption(backendOption())
  .action(async (options) => (await import('./commands/bench')).benchCommand(options));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // commander has printed its message (and the help) already; --help and --version end here with 0.
    process.exitCode = e.exitCode === 0 ? EXIT.done : EXIT.invalidInput;
  } else reportError(e);
}

function reportError(e: unknown): void {
  const verbose = program.opts().verbose === true;
  const error = e as Error;
  let code: number = EXIT.failed;
  let hint: string | undefined;
  if (error instanceof CliError) {
    code = error.exitCode;
    hint = error.hint;
  } else if (error instanceof EnsembleAbortedError) {
    code = EXIT.interrupted;
  } else {
    const lines = error.message.split('\n');
    hint = lines.find((l) => l.startsWith('hint: '))?.slice(6);
  }
  const message = error.message.split('\n').filter((l) => !l.startsWith('hint: ')).join('\n');
  process.stderr.write(`sdeflow: ${message}\n`);
  if (hint) process.stderr.write(`hint: ${hint}\n`);
  if (verbose && error.stack) process.stderr.write(error.stack + '\n');
  else if (code === EXIT.failed && !(error instanceof CliError)) process.stderr.write('(run with --verbose for details)\n');
  process.exitCode = code;
}
