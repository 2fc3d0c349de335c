import { connect } from '@nats-io/transport-node';
import type { PrintLine } from '../line-printer';
import { runDemo } from './run-demo';

export interface StartDemoOptions {
  apiUrl: string;
  adminToken: string;
  natsUrl: string;
  prefix: string;
  print: PrintLine;
}

export interface RunningDemo {
  /** Stops the demo where it is and closes its NATS connection (the fleet stops with the services). */
  stop(): Promise<void>;
}

/**
 * Runs the demo beside the services, its lines printed under `demo`. A failed demo says why and leaves the
 * services running: the stack is still there to use.
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const say = (line: string) => options.print('demo', line);
  const nc = await connect({ servers: options.natsUrl, name: 'rollcall-demo' });
  const stopping = new AbortController();
  const done = runDemo({ ...options, nc, say, signal: stopping.signal }).catch((error: unknown) => {
    if (stopping.signal.aborted) return;
    say(
      `the demo stopped: ${error instanceof Error ? error.message : String(error)}; the services keep running`,
    );
  });
  return {
    async stop() {
      stopping.abort(new Error('stopped'));
      await done;
      await nc.close();
    },
  };
}
