import { DrainReason, PoolName, RunnerId, ServerId, Version } from '@rollcall/contracts';
import type { DrainTarget } from '@rollcall/domain';
import { z } from 'zod';

/** A week: a longer deadline is far more likely a typo than a drain anyone would wait for. */
export const MAX_DRAIN_DEADLINE_SECONDS = 7 * 24 * 3600;

const ONE_TARGET = 'give exactly one target: runnerId, serverId, or pool with version';

/**
 * The body of `POST /v1/namespaces/:ns/drains`: exactly one of `{runnerId}`, `{serverId}` or `{pool, version}`, an
 * optional deadline and reason. Unknown fields are refused, so a misspelt target is named rather than
 * ignored. Parses into the domain's drain target, with the reason defaulted by target (`server_drain` for a
 * server, `operator` otherwise).
 */
const OperatorDrainFields = z.strictObject({
  runnerId: RunnerId.optional(),
  serverId: ServerId.optional(),
  pool: PoolName.optional(),
  version: Version.optional(),
  deadlineSeconds: z
    .int({ error: 'must be a whole number of seconds' })
    .min(1, { error: 'must be a positive whole number of seconds' })
    .max(MAX_DRAIN_DEADLINE_SECONDS, { error: `must be at most ${MAX_DRAIN_DEADLINE_SECONDS} (a week)` })
    .optional()
    .describe(
      "Seconds a runner still holding sessions has before it is stopped by force; default: the pool's drainTimeoutSeconds.",
    ),
  reason: DrainReason.optional(),
});

export const OperatorDrainBody = OperatorDrainFields.transform((body, ctx) => {
  const target = targetOf(body, ctx);
  if (target === null) return z.NEVER;
  const reason: DrainReason = body.reason ?? (target.by === 'serverId' ? 'server_drain' : 'operator');
  return { target, reason, deadlineSeconds: body.deadlineSeconds };
});
export type OperatorDrain = z.output<typeof OperatorDrainBody>;

/** A drain target, with the pool it names when it names one. */
export type OperatorDrainTarget =
  | Extract<DrainTarget, { by: 'runnerIds' | 'serverId' }>
  | (Extract<DrainTarget, { by: 'version' }> & { readonly pool: PoolName });

/** The one target the body gives, or null after adding an issue naming the field at fault. */
function targetOf(
  body: z.output<typeof OperatorDrainFields>,
  ctx: z.RefinementCtx,
): OperatorDrainTarget | null {
  const given: string[] = [];
  if (body.runnerId !== undefined) given.push('runnerId');
  if (body.serverId !== undefined) given.push('serverId');
  if (body.pool !== undefined || body.version !== undefined) given.push('pool');
  const [first, ...others] = given;
  if (first === undefined) {
    ctx.addIssue({ code: 'custom', message: `has no target: ${ONE_TARGET}`, path: [] });
    return null;
  }
  for (const other of others) {
    ctx.addIssue({ code: 'custom', message: `${ONE_TARGET} (${first} is given too)`, path: [other] });
  }
  if (others.length > 0) return null;
  if (body.runnerId !== undefined) return { by: 'runnerIds', runnerIds: [body.runnerId] };
  if (body.serverId !== undefined) return { by: 'serverId', serverId: body.serverId };
  if (body.pool === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is required with version', path: ['pool'] });
    return null;
  }
  if (body.version === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is required with pool', path: ['version'] });
    return null;
  }
  return { by: 'version', version: body.version, pool: body.pool };
}
