import { ExitCode } from './exit-code';
import { runCli } from './run-cli';

const interrupted = new AbortController();
let interrupts = 0;
const onInterrupt = () => {
  interrupts += 1;
  // The first Ctrl-C ends the command cleanly (tail and sim stop, sim disconnects its runners); a second one
  // does not wait for that.
  if (interrupts > 1) process.exit(130);
  interrupted.abort();
};
process.on('SIGINT', onInterrupt);
process.on('SIGTERM', onInterrupt);
// `rollcall events read | head`: the reader went away; stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupted.signal,
});
process.off('SIGINT', onInterrupt);
process.off('SIGTERM', onInterrupt);
