import { poolStream, rolloutStream } from '@rollcall/contracts';
import type { RecordedEvent } from '@rollcall/eventlog';
import { describe, expect, it } from 'vitest';
import { RolloutsInFlight } from './rollouts-in-flight';

let position = 0n;
function recorded(streamName: string, type: string, data: unknown = {}): RecordedEvent {
  position += 1n;
  return {
    globalPosition: position,
    transactionId: position,
    eventId: `e${position}`,
    streamName,
    streamVersion: 1n,
    type,
    schemaVersion: 1,
    data,
    metadata: {},
    recordedAt: new Date(0),
  };
}

const ref = { namespace: 'acme', pool: 'web', rolloutId: 'r1' };
const at = '2026-01-31T12:00:00.000Z';
const web = poolStream('acme', 'web');
const began = recorded(web, 'RolloutBegan', {
  ...ref,
  version: 2,
  build: 'b2',
  artifact: 'example-runner:web-2',
  by: 'alice',
  at,
});

describe('the rollouts in flight', () => {
  it('holds a rollout from its RolloutBegan to its RolloutEnded', () => {
    const inFlight = new RolloutsInFlight();
    expect(inFlight.apply(began)).toEqual(ref);
    expect(inFlight.list()).toEqual([ref]);
    expect(inFlight.apply(recorded(web, 'RolloutEnded', { ...ref, outcome: 'completed', at }))).toEqual(ref);
    expect(inFlight.has(ref)).toBe(false);
  });

  it("names the rollout for its own stream's events and for its pool's other events", () => {
    const inFlight = new RolloutsInFlight();
    inFlight.apply(began);
    expect(inFlight.apply(recorded(rolloutStream('acme', 'r1'), 'TargetHealthy'))).toEqual(ref);
    expect(inFlight.apply(recorded(web, 'RunnerStopped'))).toEqual(ref);
  });

  it('names nothing for a pool without a rollout, another stream, or a malformed guard event', () => {
    const inFlight = new RolloutsInFlight();
    expect(inFlight.apply(recorded(poolStream('acme', 'api'), 'RunnerStopped'))).toBeNull();
    expect(inFlight.apply(recorded('settings-global', 'AutoUpgradeSwitched'))).toBeNull();
    expect(inFlight.apply(recorded(web, 'RolloutBegan', { rolloutId: 'r2' }))).toBeNull();
    expect(inFlight.size).toBe(0);
  });
});
