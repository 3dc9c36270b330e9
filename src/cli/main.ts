import { Command, Option } from 'commander';
import { EnsembleAbortedError } from '../ensemble/ensemble-aborted-error';
import { NODE_BACKENDS } from '../gpu/node-device';
import { devicesCommand } from './commands/devices';
import { runCommand } from './commands/run';
import { benchCommand } from './commands/bench';
import { CliError, EXIT } from './exit-codes';

const program = new Command()
  .name('sdeflow')
  .description('Monte Carlo ensembles of stochastic-optimization dynamics on WebGPU')
  .option('--verbose', 'show error details')
  .showHelpAfterError();

const backendOption = () =>
  new Option('--backend <name>', 'WebGPU backend in Node (default: SDEFLOW_BACKEND or auto)').choices([...NODE_BACKENDS]);

program
  .command('run')
  .description('run an experiment file')
  .argument('<file>', 'experiment file (JSON, format v1)')
  .option('--out <file>', 'write the result JSON here')
  .option('--trajectories <n>', "override the file's ensemble size")
  .addOption(new Option('--device <where>', 'gpu (WebGPU) or cpu (float64 reference)').choices(['gpu', 'cpu']).default('gpu'))
  .addOption(backendOption())
  .option('--quiet', 'print no table')
  .action((file, options) => runCommand(file, options));

program
  .command('devices')
  .description('list the WebGPU adapters this machine offers')
  .option('--json', 'print JSON')
  .action((options) => devicesCommand(options));

program
  .command('bench')
  .description('measure trajectory-steps per second, WebGPU vs the float64 CPU reference')
  .option('--quick', 'smaller ensembles')
  .option('--out <file>', 'write the measurements as JSON')
  .addOption(backendOption())
  .action((options) => benchCommand(options));

try {
  await program.parseAsync(process.argv);
} catch (e) {
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
