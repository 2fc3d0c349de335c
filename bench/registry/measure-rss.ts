import { jetstreamManager } from '@nats-io/jetstream';
import { runnerIngestStreamName } from '@rollcall/contracts';
import { readModelDb } from '@rollcall/projections';
import { sql } from 'kysely';
import { openBenchNats } from './bench-nats';
import { configurePools } from './configure-pools';
import { withFreshLog } from './fresh-log';
import { publishMessages } from './publish-messages';
import { readModelsCaughtUp } from './read-model-lag';
import type { RegistryOptions } from './registry-options';
import { type HeapFigures, startRegistryProcess } from './registry-process';
import { connectPayload, poolOf, runnerIdOf, runnerMessage } from './runner-message';
import { waitUntil } from './wait-until';

export interface RssMeasurement {
  readonly runners: number;
  /** The registry process ready, before any runner connected. */
  readonly idleRssBytes: number;
  /** After every connect was committed and the worker map caught up, settled for a moment. */
  readonly rssBytes: number;
  /** Its peak over the whole run (VmHWM). */
  readonly peakRssBytes: number;
  /** The V8 heap then (used, total) and memory outside it, bytes, from the process's /metrics. */
  readonly heap: HeapFigures;
  /** Connects per second into that process (publish included: runners and registry run at once). */
  readonly connectsPerSecond: number;
}

const NAMESPACE = 'bench';

/**
 * The registry service in a process of its own (`node --import tsx services/registry/src/main.ts`): once
 * it is ready, `rssRunners` runners connect across `rssPools` pools; its resident memory is read from
 * /proc once every connect is committed and its worker map has caught up.
 */
export async function measureRss(
  serverConnectionString: string,
  natsUrl: string,
  options: RegistryOptions,
  log: (line: string) => void,
  nodeOptions?: string,
): Promise<RssMeasurement> {
  return withFreshLog(serverConnectionString, async ({ connectionString, db }) => {
    const nats = await openBenchNats(natsUrl);
    try {
      const pools = Array.from({ length: options.rssPools }, (_, p) => poolOf(p, options.rssPools));
      await configurePools(db, NAMESPACE, pools);
      const registry = await startRegistryProcess({
        databaseUrl: connectionString,
        natsUrl,
        prefix: nats.prefix,
        ...(nodeOptions === undefined ? {} : { nodeOptions }),
      });
      try {
        const idle = registry.memory();
        const idleHeap = await registry.heap();
        log(
          `registry rss: process ${registry.pid} ready, rss ${mb(idle.rssBytes)} MB, heap used ` +
            `${mb(idleHeap.heapUsedBytes)} of ${mb(idleHeap.heapTotalBytes)} MB`,
        );
        const messages = Array.from({ length: options.rssRunners }, (_, i) =>
          runnerMessage(
            nats.prefix,
            NAMESPACE,
            'connected',
            connectPayload(i, options.rssPools, 1),
            `${runnerIdOf(i, 1)}-c`,
          ),
        );
        const fleet = await nats.connection('fleet');
        const jsm = await jetstreamManager(nats.nc);
        const stream = runnerIngestStreamName(nats.prefix);
        const started = performance.now();
        await publishMessages(fleet, messages, options.publishWindow);
        await waitUntil(async () => (await jsm.streams.info(stream)).state.messages === 0, {
          what: 'every connect to be committed',
          intervalMs: 50,
        });
        const connected = performance.now();
        await waitUntil(() => readModelsCaughtUp(db), { what: 'the worker map to catch up', intervalMs: 50 });
        const { n } = await readModelDb(db)
          .selectFrom('worker_map')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        if (n !== options.rssRunners) {
          throw new Error(`the worker map has ${n} runners, expected ${options.rssRunners}`);
        }
        // Let in-flight work settle (buffers released, a GC or two) before reading what stays resident.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const after = registry.memory();
        const heap = await registry.heap();
        log(
          `registry rss: ${options.rssRunners} runners connected, rss ${mb(after.rssBytes)} MB, peak ` +
            `${mb(after.peakRssBytes)} MB, heap used ${mb(heap.heapUsedBytes)} of ${mb(heap.heapTotalBytes)} MB`,
        );
        return {
          runners: options.rssRunners,
          idleRssBytes: idle.rssBytes,
          rssBytes: after.rssBytes,
          peakRssBytes: after.peakRssBytes,
          heap,
          connectsPerSecond: options.rssRunners / ((connected - started) / 1000),
        };
      } finally {
        await registry.stop();
      }
    } finally {
      await nats.close();
    }
  });
}

function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
