import { FailureThreshold, TargetConfig, TargetId, Version } from '@rollcall/contracts';
import { z } from 'zod';
import { intArg } from '../options/number-arg';

/** Commander's collector for a flag that may be repeated: every value, in the order given. */
export function repeated(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** `<target>=<value>` split at the first `=`; the target must be a valid target id. */
function targetAssignment(what: string, example: string) {
  return z.string().transform((text, ctx) => {
    const at = text.indexOf('=');
    const targetId = TargetId.safeParse(at < 0 ? '' : text.slice(0, at));
    if (!targetId.success) {
      ctx.issues.push({ code: 'custom', input: text, message: `must be <target>=${what}, e.g. ${example}` });
      return z.NEVER;
    }
    return { targetId: targetId.data, value: text.slice(at + 1) };
  });
}

/** `--pin s1=3` pins target s1 to version 3; `--pin s1=none` lifts the pin. */
export const PinArg = targetAssignment('<version|none>', 's1=3').transform(({ targetId, value }, ctx) => {
  if (value === 'none') return { targetId, pinnedVersion: null };
  const version = intArg(Version).safeParse(value);
  if (version.success) return { targetId, pinnedVersion: version.data };
  ctx.issues.push({
    code: 'custom',
    input: value,
    message: `${targetId}: the version ${version.error.issues[0]?.message ?? 'is invalid'} (or none to unpin)`,
  });
  return z.NEVER;
});
export type PinArg = z.output<typeof PinArg>;

/** `--target-config 's1={"region":"eu"}'` replaces target s1's extra config; `s1=null` removes it. */
export const TargetConfigArg = targetAssignment('<json object|null>', 's1={"region":"eu"}').transform(
  ({ targetId, value }, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.issues.push({ code: 'custom', input: value, message: `${targetId}: not JSON: ${value}` });
      return z.NEVER;
    }
    if (json === null) return { targetId, extraConfig: null };
    const config = TargetConfig.safeParse(json);
    if (config.success) return { targetId, extraConfig: config.data };
    ctx.issues.push({ code: 'custom', input: value, message: `${targetId}: must be a JSON object, or null` });
    return z.NEVER;
  },
);
export type TargetConfigArg = z.output<typeof TargetConfigArg>;

const THRESHOLD_ERROR =
  'must be a count of failed targets (1 or more) or a share of them (e.g. 25%, above 0 up to 100%)';

/** `--failure-threshold 2` (failed targets) or `25%` (of the rollout's targets). */
export const FailureThresholdArg = z.string().transform((text, ctx): FailureThreshold => {
  const share = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const threshold = FailureThreshold.safeParse(
    share?.[1] !== undefined
      ? { kind: 'share', share: Number(share[1]) / 100 }
      : { kind: 'count', count: /^\d+$/.test(text) ? Number(text) : Number.NaN },
  );
  if (threshold.success) return threshold.data;
  ctx.issues.push({ code: 'custom', input: text, message: THRESHOLD_ERROR });
  return z.NEVER;
});
