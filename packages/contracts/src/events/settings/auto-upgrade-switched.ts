import { z } from 'zod';
import { Actor } from '../../actor';
import { Namespace } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';

/** Where an operator puts one switch, and why (the body of the API's PUTs). */
export const AutoUpgradeSwitch = z.object({
  /** `false` turns automatic rollouts off at this level; `true` leaves the decision to the levels below. */
  enabled: z.boolean(),
  /** What the operator gave as the reason, e.g. "release freeze until Monday". */
  reason: z.string().min(1).max(1024).optional(),
});
export type AutoUpgradeSwitch = z.infer<typeof AutoUpgradeSwitch>;

const Switched = AutoUpgradeSwitch.extend({ by: Actor, at: IsoTimestamp });

/**
 * An operator flipped the auto-upgrade switch above the pools: globally, or for one namespace. The pool's
 * own switch is `autoUpgrade` in its config; the most restrictive of the three wins.
 */
export const AutoUpgradeSwitchedData = z.discriminatedUnion('scope', [
  Switched.extend({ scope: z.literal('global') }),
  Switched.extend({ scope: z.literal('namespace'), namespace: Namespace }),
]);
export type AutoUpgradeSwitchedData = z.infer<typeof AutoUpgradeSwitchedData>;

export const AutoUpgradeSwitched = eventSchema('AutoUpgradeSwitched', AutoUpgradeSwitchedData);
export type AutoUpgradeSwitched = z.infer<typeof AutoUpgradeSwitched>;
