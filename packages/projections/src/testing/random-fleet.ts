import { PoolCommandError } from '@rollcall/domain';
import type { PoolDriver } from './pool-driver';

type Ref = { namespace: string; pool: string };

/**
 * A random fleet's life over several pools: connects (sometimes of a newer version, which drains the older
 * runners), reconnects, busy/idle activity, operator drains and undrains, stops, disconnects, losses, config
 * changes and publications. Commands the aggregate refuses in the state it reached are skipped, as an
 * operator's would be answered with an error.
 */
export async function randomFleet(
  driver: PoolDriver,
  refs: readonly Ref[],
  steps: number,
  random: () => number,
) {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const runners = new Map<Ref, string[]>(refs.map((ref) => [ref, []]));
  const versions = new Map<Ref, number>(refs.map((ref) => [ref, 1]));
  let next = 0;
  for (let step = 0; step < steps; step += 1) {
    const ref = pick(refs);
    if (ref === undefined) return;
    const known = runners.get(ref) ?? [];
    const runner = pick(known);
    const version = versions.get(ref) ?? 1;
    const roll = random();
    try {
      if (roll < 0.22 || runner === undefined) {
        const bump = random() < 0.15 ? 1 : 0;
        versions.set(ref, version + bump);
        const id = `r${next++}`;
        known.push(id);
        await driver.connect(ref, id, version + bump, {
          serverId: `server-${Math.floor(random() * 4)}`,
          slots: 1 + Math.floor(random() * 4),
          labels: random() < 0.3 ? { zone: pick(['eu', 'us']) ?? 'eu' } : {},
        });
      } else if (roll < 0.27) await driver.connect(ref, runner, version, { serverId: 'server-9' });
      else if (roll < 0.52) await driver.activity(ref, runner, Math.floor(random() * 3));
      else if (roll < 0.6) await driver.drain(ref, [runner], random() < 0.5 ? 'operator' : 'server_drain');
      else if (roll < 0.65) await driver.undrain(ref, runner);
      else if (roll < 0.73) await driver.stop(ref, runner);
      else if (roll < 0.83) await driver.disconnect(ref, runner);
      else if (roll < 0.88) await driver.lose(ref, runner);
      else if (roll < 0.93)
        await driver.configure(ref, { drainOnVersionUpgrade: random() < 0.7, drainTimeoutSeconds: 60 });
      else await driver.publish(ref, version + Math.floor(random() * 2));
    } catch (error) {
      if (!(error instanceof PoolCommandError)) throw error;
    }
  }
}
