import { Build, describeIssues, Labels } from '@rollcall/contracts';
import { z } from 'zod';
import { LauncherError } from './launcher-error';

/**
 * The `config` of a start request as the local launcher reads it: each known key becomes an example-runner
 * flag; unknown keys are ignored (they belong to other launchers or runner kinds). `failStart` is a test
 * hook of this local launcher only: the start fails with `start_failed` instead of spawning.
 */
export const LocalRunnerConfig = z.object({
  build: Build.optional(),
  slots: z.int().min(1).max(10_000).optional(),
  labels: Labels.optional(),
  heartbeatMs: z.int().min(1).optional(),
  sessionRate: z.number().min(0).optional(),
  sessionMs: z.int().min(0).optional(),
  stuck: z.boolean().optional(),
  /** The runner disconnects and exits this long after starting: a version that does not stay healthy. */
  crashAfterMs: z.int().min(0).optional(),
  failStart: z.boolean().optional(),
});
export type LocalRunnerConfig = z.infer<typeof LocalRunnerConfig>;

/** Reads a start request's `config`; a known key of the wrong type is a `bad_request` naming it. */
export function parseLocalRunnerConfig(config: Record<string, unknown> | undefined): LocalRunnerConfig {
  const parsed = LocalRunnerConfig.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['config', ...issue.path] }));
  throw new LauncherError('bad_request', describeIssues(issues));
}

/** The example-runner flags for `config` (identity flags are added by the launcher). */
export function localRunnerFlags(config: LocalRunnerConfig): string[] {
  const flags: string[] = [];
  if (config.build !== undefined) flags.push('--build', config.build);
  if (config.slots !== undefined) flags.push('--slots', String(config.slots));
  for (const [key, value] of Object.entries(config.labels ?? {})) flags.push('--label', `${key}=${value}`);
  if (config.heartbeatMs !== undefined) flags.push('--heartbeat-ms', String(config.heartbeatMs));
  if (config.sessionRate !== undefined) flags.push('--session-rate', String(config.sessionRate));
  if (config.sessionMs !== undefined) flags.push('--session-ms', String(config.sessionMs));
  if (config.stuck === true) flags.push('--stuck');
  if (config.crashAfterMs !== undefined) flags.push('--crash-after-ms', String(config.crashAfterMs));
  return flags;
}
