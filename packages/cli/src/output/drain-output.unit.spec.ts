import { Writable } from 'node:stream';
import type { DrainView } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { describeDrain } from './describe-drain';
import { drainProgress } from './drain-progress';
import { drainsSummary, drainsTable } from './drains-table';

const waiting: DrainView = {
  id: '42',
  namespace: 'acme',
  runnerId: 'web-1',
  pool: 'web',
  version: 3,
  serverId: 'server-1',
  reason: 'version_upgrade',
  supersededBy: 4,
  requestedBy: 'rollcall',
  requestedAt: '2026-03-01T12:00:00.000Z',
  deadline: '2026-03-01T12:05:00.000Z',
  secondsLeft: 42,
  activeSessions: 3,
  state: 'waiting_for_sessions',
  waitingFor: '3 sessions still active; forced stop in 42 s',
  stopRequestedAt: null,
  forced: false,
  endedAt: null,
  outcome: null,
};

const forced: DrainView = {
  ...waiting,
  id: '43',
  runnerId: 'web-2',
  reason: 'operator',
  supersededBy: null,
  requestedBy: 'admin',
  secondsLeft: null,
  state: 'forced',
  waitingFor: null,
  stopRequestedAt: '2026-03-01T12:05:00.000Z',
  forced: true,
  endedAt: '2026-03-01T12:05:01.000Z',
  outcome: 'stopped by force at the deadline',
};

function capture(isTTY = false) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY, columns: 160 },
  );
  return { stream, text: () => chunks.join('') };
}

describe('describeDrain', () => {
  it('says what a drain waits for, or how it ended', () => {
    expect(describeDrain(waiting)).toBe(
      'web-1 (web v3): waiting_for_sessions, 3 sessions still active; forced stop in 42 s',
    );
    expect(describeDrain(forced)).toBe('web-2 (web v3): forced, stopped by force at the deadline');
  });
});

describe('drainsTable', () => {
  it('puts one drain per line under a header, and counts them', () => {
    const lines = drainsTable([waiting, forced]).split('\n');
    expect(lines[0]).toMatch(
      /^RUNNER\s+POOL\s+VERSION\s+REASON\s+BY\s+REQUESTED\s+DEADLINE\s+LEFT\s+SESSIONS\s+STATE/,
    );
    expect(lines[1]).toMatch(
      /^web-1\s+web\s+v3\s+version_upgrade \(v4\)\s+rollcall\s+2026-03-01 12:00:00Z\s+2026-03-01 12:05:00Z\s+42s\s+3\s+waiting_for_sessions\s+3 sessions still active; forced stop in 42 s$/,
    );
    expect(lines[2]).toMatch(
      /^web-2\s+web\s+v3\s+operator\s+admin\s+.*\s+-\s+3\s+forced\s+stopped by force at the deadline$/,
    );
    expect(drainsSummary([waiting, forced])).toBe('1 drain in progress, 1 finished');
  });
});

describe('drainProgress', () => {
  it('prints a line when a drain changes state or sessions, not on every read', async () => {
    const out = capture();
    const progress = drainProgress(out.stream, { json: false });
    await progress.update([waiting], []);
    await progress.update(
      [{ ...waiting, secondsLeft: 41, waitingFor: '3 sessions still active; forced stop in 41 s' }],
      [],
    );
    await progress.update(
      [{ ...waiting, activeSessions: 1, waitingFor: '1 session still active; forced stop in 40 s' }],
      [],
    );
    await progress.update([forced], []);
    progress.stop();
    expect(out.text().split('\n')).toEqual([
      'web-1 (web v3): waiting_for_sessions, 3 sessions still active; forced stop in 42 s',
      'web-1 (web v3): waiting_for_sessions, 1 session still active; forced stop in 40 s',
      'web-2 (web v3): forced, stopped by force at the deadline',
      '',
    ]);
  });

  it('prints the changed drain rows as NDJSON with --json', async () => {
    const out = capture();
    const progress = drainProgress(out.stream, { json: true });
    await progress.update([waiting, forced], []);
    await progress.update([waiting, forced], []);
    expect(
      out
        .text()
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([waiting, forced]);
  });

  it('draws a bar per runner on a terminal, with its state and what it waits for', async () => {
    const out = capture(true);
    const progress = drainProgress(out.stream, { json: false });
    await progress.update([waiting], []);
    progress.stop();
    expect(out.text()).toContain('web-1 (web v3) [');
    expect(out.text()).toContain('] waiting_for_sessions | 3 sessions still active; forced stop in 42 s');
  });
});
