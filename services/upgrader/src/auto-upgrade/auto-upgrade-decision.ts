import type { AutoUpgradeVerdict } from '@rollcall/domain';

/** Why a published version did not start a rollout by itself: the verdict's reasons, then the trigger's own. */
export type AutoUpgradeSkipReason =
  | Extract<AutoUpgradeVerdict, { start: false }>['why']
  /** A newer version (not yanked) was published since: its own publish decides, so the pool skips this one. */
  | 'newer_version_published'
  /** The pool has auto-upgrade on but no `rolloutDefaults`, so no strategy to roll out with. */
  | 'rollout_defaults_missing'
  /** The pool runs nowhere a rollout could move. */
  | 'no_targets'
  /** This publish already started its rollout (a repeat after a restart); nothing new. */
  | 'already_started'
  /** `startRollout` refused for another reason (the pool vanished, a spec the rollout refuses). */
  | 'start_refused';

/** What the trigger did with one `VersionPublished`: the metric's labels and the log line's fields. */
export type AutoUpgradeDecision =
  | Readonly<{ decision: 'start'; why: 'switched_on'; rolloutId: string }>
  | Readonly<{ decision: 'skip'; why: AutoUpgradeSkipReason }>;
