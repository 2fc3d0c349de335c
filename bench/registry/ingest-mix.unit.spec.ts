import { runnerMessageSchemas } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { planIngestMix } from './ingest-mix';
import { seededRandom } from './seeded-random';

const settings = {
  prefix: 'bench',
  namespace: 'acme',
  runners: 50,
  pools: 5,
  heartbeats: 4,
  transitions: 0.2,
  disconnects: 0.1,
  runId: 'run1',
};

describe('planIngestMix', () => {
  const mix = planIngestMix(settings, seededRandom(7));
  const decoded = mix.messages.map((m) => ({ ...m, payload: JSON.parse(new TextDecoder().decode(m.data)) }));

  it('connects every runner, then heartbeats in rounds, then a share disconnects, in that order', () => {
    expect(mix.counts).toEqual({ connected: 50, heartbeat: 200, disconnected: 5 });
    expect(decoded.map((m) => m.kind)).toEqual([
      ...Array(50).fill('connected'),
      ...Array(200).fill('heartbeat'),
      ...Array(5).fill('disconnected'),
    ]);
    expect(new Set(decoded.filter((m) => m.kind === 'connected').map((m) => m.payload.pool)).size).toBe(5);
  });

  it('publishes payloads the contract accepts, on the contract subjects, each with its own msg id', () => {
    for (const m of decoded) {
      expect(m.subject).toBe(`bench.v1.acme.runner.${m.kind}`);
      expect(runnerMessageSchemas[m.kind].safeParse(m.payload).success).toBe(true);
    }
    expect(new Set(mix.messages.map((m) => m.msgId)).size).toBe(mix.messages.length);
  });

  it('counts the busy <-> idle crossings and remembers each runner its last sessions', () => {
    const last = new Map<string, number>();
    let crossings = 0;
    for (const m of decoded.filter((x) => x.kind === 'heartbeat')) {
      const before = last.get(m.payload.runnerId) ?? 0;
      if (before > 0 !== m.payload.activeSessions > 0) crossings++;
      last.set(m.payload.runnerId, m.payload.activeSessions);
    }
    expect(mix.transitions).toBe(crossings);
    expect(crossings).toBeGreaterThan(0);
    expect(new Map(mix.finalSessions)).toEqual(last);
  });

  it('is the same fleet for the same seed', () => {
    const again = planIngestMix(settings, seededRandom(7));
    expect(again.messages.map((m) => m.data)).toEqual(mix.messages.map((m) => m.data));
  });
});
