import { describe, expect, it } from 'vitest';
import { runnerMsgIds } from './runner-msg-ids';

describe('runnerMsgIds', () => {
  it('gives the same connected id for the same runner and incarnation, another for another incarnation', () => {
    expect(runnerMsgIds('web-1', 'a1').connected).toBe(runnerMsgIds('web-1', 'a1').connected);
    expect(runnerMsgIds('web-1', 'a1').connected).not.toBe(runnerMsgIds('web-1', 'b2').connected);
  });

  it('gives every heartbeat its own id', () => {
    const ids = runnerMsgIds('web-1', 'a1');
    expect(new Set([ids.heartbeat(1), ids.heartbeat(2), ids.connected, ids.disconnected]).size).toBe(4);
  });
});
