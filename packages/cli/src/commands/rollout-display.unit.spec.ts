import { Writable } from 'node:stream';
import type { RolloutView } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import type { CliStream } from '../cli-io';
import { rolloutDisplay } from './rollout-display';

function capture(isTTY: boolean): { stream: CliStream; text: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join('') };
}

const at = '2026-03-01T12:00:00.000Z';
const target = (targetId: string, state: RolloutView['targets'][number]['state']) => ({
  targetId,
  state,
  canary: false,
  previousVersion: 1,
  previousConfig: {},
  pinnedVersion: null,
  extraConfig: null,
  why: null,
  error: null,
  failedDuring: null,
  newRunnerIds: [],
  oldRunnerIds: [],
  restoredRunnerIds: [],
  updatedAt: at,
});

function rollout(
  status: RolloutView['status'],
  states: RolloutView['targets'][number]['state'][],
): RolloutView {
  return {
    rolloutId: 'roll-1',
    namespace: 'acme',
    pool: 'web',
    version: 2,
    build: 'b2',
    artifact: 'registry.example/web:2',
    strategy: { kind: 'all-at-once' },
    targetBy: { by: 'server' },
    healthyWindowSeconds: 10,
    failureThreshold: { kind: 'count', count: 1 },
    autoRollback: true,
    status,
    outcome: null,
    rollbackReason: null,
    gate: null,
    startedBy: 'alice',
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    failedTargets: 0,
    targets: states.map((state, index) => target(`s${index + 1}`, state)),
  };
}

describe('rolloutDisplay', () => {
  it('redraws the whole status in place on a terminal', async () => {
    const { stream, text } = capture(true);
    const display = rolloutDisplay(stream, { json: false });
    await display.show(rollout('running', ['starting', 'pending']));
    const first = text();
    await display.show(rollout('running', ['done', 'starting']));
    const lines = first.trimEnd().split('\n').length;
    const redraw = text().slice(first.length);
    expect(redraw.startsWith(`\x1b[${lines}F\x1b[0J`)).toBe(true);
    expect(redraw).toMatch(/\[#{10}-{10}\] 1\/2 at rest: 1 done/);
    expect(redraw).toMatch(/^s2 +starting +v1/m);
  });

  it('prints a line per change on a pipe, and nothing for a read that changed nothing', async () => {
    const { stream, text } = capture(false);
    const display = rolloutDisplay(stream, { json: false });
    await display.show(rollout('running', ['starting', 'pending']));
    await display.show(rollout('running', ['starting', 'pending']));
    await display.show(rollout('running', ['done', 'pending']));
    expect(text()).toBe(
      [
        'rollout roll-1 (web -> v2): running, 0/2 targets at rest',
        '  s1: starting',
        '  s2: pending',
        '  s1: done',
        '',
      ].join('\n'),
    );
  });

  it('writes the rollout as NDJSON each time it changed with --json', async () => {
    const { stream, text } = capture(false);
    const display = rolloutDisplay(stream, { json: true });
    await display.show(rollout('running', ['pending']));
    await display.show(rollout('running', ['pending']));
    await display.show(rollout('paused', ['pending']));
    const lines = text().trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).status)).toEqual(['running', 'paused']);
  });
});
