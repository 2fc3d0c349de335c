import { Namespace, Version } from '@rollcall/contracts';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliIo } from '../cli-io';
import { NatsUnreachableError } from '../nats-unreachable-error';
import { commandOptions } from '../options/command-options';
import { JsonFlag, NatsUrl, PrefixOption } from '../options/global-options';
import { listArg } from '../options/list-arg';
import { decimalArg, intArg } from '../options/number-arg';
import { parseOptions } from '../options/parse-options';
import { formatFleetReport, formatFleetStatsLine } from '../output/format-fleet-stats';
import { writeJson, writeLine } from '../output/write-line';
import { FleetSimulationSettings } from '../sim/fleet-simulation-settings';
import type { FleetSimulationStats } from '../sim/fleet-simulation-stats';

const fields = FleetSimulationSettings.shape;

const SimOptions = z.object({
  runners: intArg(fields.runners),
  pools: intArg(fields.pools),
  servers: intArg(z.int().min(1).max(1_000_000)).optional(),
  namespace: Namespace.optional(),
  versions: listArg(intArg(Version)).optional(),
  slots: intArg(z.int().min(1).max(10_000)).optional(),
  heartbeatMs: intArg(z.int().min(10).max(3_600_000)).optional(),
  durationS: decimalArg(z.number().positive()).optional(),
  bumpAfterS: decimalArg(z.number().positive()).optional(),
  json: JsonFlag,
  natsUrl: NatsUrl,
  prefix: PrefixOption,
});

// Shown in place on a terminal; in a log, one line every few seconds is enough.
const LOG_EVERY_TICKS = 5;

/**
 * `rollcall sim`: a realistic fleet of runners over raw NATS (see runFleetSimulation), with a live summary on
 * stderr and a report at the end (Ctrl-C ends it early; every runner then disconnects).
 */
export function simCommand(io: CliIo): Command {
  return new Command('sim')
    .description(
      'simulate a fleet of runners over raw NATS: connect, heartbeat, a version bump, obey drain/stop',
    )
    .option('--runners <n>', 'runners per version')
    .option('--pools <n>', 'pools the runners are spread over')
    .option('--servers <n>', 'servers the runners are spread over (default: one per 10 runners)')
    .option('--namespace <ns>', 'namespace (default: sim)')
    .option('--versions <list>', 'versions, ascending; each after the first connects later (default: 1,2)')
    .option('--slots <n>', 'sessions each runner can hold (default: 4)')
    .option('--heartbeat-ms <ms>', 'heartbeat interval (default: 5000)')
    .option('--duration-s <s>', 'run this long, then disconnect every runner (default: until Ctrl-C)')
    .option('--bump-after-s <s>', 'seconds between version bumps (default: 10)')
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, SimOptions);
      // Also checks what spans flags (no more pools than runners; versions ascending).
      const settings = parseOptions(
        FleetSimulationSettings,
        {
          runners: options.runners,
          pools: options.pools,
          servers: options.servers,
          namespace: options.namespace,
          versions: options.versions,
          slots: options.slots,
          heartbeatMs: options.heartbeatMs,
          durationSeconds: options.durationS,
          bumpAfterSeconds: options.bumpAfterS,
        },
        { durationSeconds: '--duration-s', bumpAfterSeconds: '--bump-after-s' },
      );
      const [{ connect }, { redactUrl }, { runFleetSimulation }] = await Promise.all([
        import('@nats-io/transport-node'),
        import('@rollcall/service-kit'),
        import('../sim/run-fleet-simulation'),
      ]);
      const nc = await connect({
        servers: options.natsUrl.split(',').map((url) => url.trim()),
        name: 'rollcall-sim',
        timeout: 5000,
      }).catch((error: unknown) => {
        throw new NatsUnreachableError(redactUrl(options.natsUrl), { cause: error });
      });
      try {
        if (!options.json) {
          await writeLine(
            io.stderr,
            `simulating ${settings.runners} runners per version (${settings.versions.map((v) => `v${v}`).join(' -> ')}) ` +
              `in ${settings.pools} pools, namespace ${settings.namespace}, on ${redactUrl(options.natsUrl)} ` +
              `(prefix ${options.prefix}); ${settings.durationSeconds === undefined ? 'Ctrl-C ends it' : `for ${settings.durationSeconds} s`}`,
          );
        }
        let ticks = 0;
        const live = (stats: FleetSimulationStats) => {
          ticks += 1;
          if (io.stderr.isTTY === true) io.stderr.write(`\r\u001b[2K${formatFleetStatsLine(stats)}`);
          else if (ticks % LOG_EVERY_TICKS === 0) io.stderr.write(`${formatFleetStatsLine(stats)}\n`);
        };
        const report = await runFleetSimulation({
          nc,
          prefix: options.prefix,
          settings,
          signal: io.signal,
          ...(options.json ? {} : { onProgress: live }),
        });
        if (io.stderr.isTTY === true && !options.json) io.stderr.write('\n');
        if (options.json) await writeJson(io.stdout, report);
        else for (const line of formatFleetReport(report)) await writeLine(io.stdout, line);
      } finally {
        await nc.drain();
      }
    });
}
