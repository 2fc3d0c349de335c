import { rolloutStream } from '@rollcall/contracts';
import { InvalidRolloutTransitionError, type RolloutCommand, RolloutNotFoundError } from '@rollcall/domain';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { deterministicEventIds } from '@rollcall/pool-commands';
import { useTestDatabase } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { handleRolloutCommand } from './handle-rollout-command';
import { loadRollout } from './load-rollout';
import { startRollout } from './start-rollout';
import { NOW, seedPool } from './testing/rollout-commands';

const database = useTestDatabase();
const operator = { now: NOW, actor: 'alice' };

async function streamOf(rolloutId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: rolloutStream('acme', rolloutId) }))
    events.push(event);
  return events;
}

/** A running all-at-once rollout of `pool` from version 1 to 2 over servers s1, s2, s3. */
async function runningRollout(pool: string): Promise<string> {
  await seedPool(database.db, 'acme', pool);
  const { rolloutId } = await startRollout(
    database.db,
    { namespace: 'acme', pool, version: 2, strategy: { kind: 'all-at-once' } },
    operator,
  );
  return rolloutId;
}

function pause(rolloutId: string): RolloutCommand {
  return { type: 'PauseRollout', data: { namespace: 'acme', rolloutId }, metadata: operator };
}

describe('loadRollout', () => {
  it('folds the rollout stream to its state and version', async () => {
    const rolloutId = await runningRollout('load');
    const loaded = await loadRollout(database.db, { namespace: 'acme', rolloutId });
    expect(loaded.version).toBe(1n);
    expect(loaded.state).toMatchObject({ status: 'running', pool: 'load', version: 2, rolloutId });
  });

  it('answers the empty state at version 0 for a rollout that does not exist', async () => {
    expect(await loadRollout(database.db, { namespace: 'acme', rolloutId: 'nope' })).toEqual({
      state: { status: 'empty' },
      version: 0n,
    });
  });
});

describe('handleRolloutCommand', () => {
  it('appends the decision with the actor and correlation id, and answers the new state', async () => {
    const rolloutId = await runningRollout('pause');
    const result = await handleRolloutCommand(database.db, pause(rolloutId), {
      metadata: { correlationId: 'req-1' },
    });
    expect(result).toMatchObject({ kind: 'appended', version: 2n, state: { status: 'paused' } });
    expect(result.events.map((event) => event.type)).toEqual(['RolloutPaused']);
    const stored = (await streamOf(rolloutId)).at(-1);
    expect(stored).toMatchObject({
      type: 'RolloutPaused',
      metadata: { actor: 'alice', correlationId: 'req-1' },
    });
    expect(stored?.globalPosition).toBe(result.positions[0]);
  });

  it('appends nothing for a repeat', async () => {
    const rolloutId = await runningRollout('repeat');
    await handleRolloutCommand(database.db, pause(rolloutId));
    const again = await handleRolloutCommand(database.db, pause(rolloutId));
    expect(again).toMatchObject({ kind: 'unchanged', events: [], version: 2n });
  });

  it("propagates the domain's refusal, having written nothing", async () => {
    const rolloutId = await runningRollout('refuse');
    const approve: RolloutCommand = {
      type: 'ApproveGate',
      data: { namespace: 'acme', rolloutId },
      metadata: operator,
    };
    await expect(handleRolloutCommand(database.db, approve)).rejects.toThrow(InvalidRolloutTransitionError);
    await expect(handleRolloutCommand(database.db, pause('missing'))).rejects.toThrow(RolloutNotFoundError);
    expect(await streamOf(rolloutId)).toHaveLength(1);
  });

  it('appends a cause once: its deterministic ids found stored make a repeat a duplicate', async () => {
    const rolloutId = await runningRollout('cause');
    const eventId = deterministicEventIds('test|pause-1');
    const first = await handleRolloutCommand(database.db, pause(rolloutId), { eventId });
    await handleRolloutCommand(database.db, {
      type: 'ResumeRollout',
      data: { namespace: 'acme', rolloutId },
      metadata: operator,
    });
    // Decided on today's (running) state it would pause again; its ids say the cause is in the log already.
    const again = await handleRolloutCommand(database.db, pause(rolloutId), { eventId });
    expect(first.kind).toBe('appended');
    expect(again).toMatchObject({ kind: 'duplicate', events: [] });
    expect((await streamOf(rolloutId)).map((event) => event.type)).toEqual([
      'RolloutStarted',
      'RolloutPaused',
      'RolloutResumed',
    ]);
  });

  it('lets concurrent steps on one rollout all land, one after the other', async () => {
    const rolloutId = await runningRollout('busy');
    const results = await Promise.all(
      ['s1', 's2', 's3'].map((targetId) =>
        handleRolloutCommand(
          database.db,
          {
            type: 'RecordTargetBackedUp',
            data: {
              namespace: 'acme',
              rolloutId,
              targetId,
              previousVersion: 1,
              previousConfig: {},
              oldRunnerIds: [`busy-${targetId}-v1`],
            },
            metadata: { now: NOW, actor: 'rollcall:upgrader' },
          },
          { maxAttempts: 20 },
        ),
      ),
    );
    expect(results.map((result) => result.kind)).toEqual(['appended', 'appended', 'appended']);
    const stored = await streamOf(rolloutId);
    expect(stored.map((event) => event.streamVersion)).toEqual([1n, 2n, 3n, 4n]);
    const { state } = await loadRollout(database.db, { namespace: 'acme', rolloutId });
    expect(state.status !== 'empty' && [...state.targets.values()].map((target) => target.status)).toEqual([
      'starting',
      'starting',
      'starting',
    ]);
  });
});
