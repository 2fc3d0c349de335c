import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { msgIdOf } from '@rollcall/bus';
import {
  parseJsonMessage,
  parseRunnerSubject,
  RunnerConnectedMessage,
  RunnerDisconnectedMessage,
  RunnerHeartbeatMessage,
} from '@rollcall/contracts';
import type { TestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, expect } from 'vitest';

/** A runner message as any other-language consumer would read it: parsed with the contract schemas. */
export type WireMessage =
  | { kind: 'connected'; payload: RunnerConnectedMessage; msgId: string | undefined }
  | { kind: 'heartbeat'; payload: RunnerHeartbeatMessage; msgId: string | undefined }
  | { kind: 'disconnected'; payload: RunnerDisconnectedMessage; msgId: string | undefined };

export interface WireRecorder {
  /** Every valid message, in arrival order. */
  readonly messages: readonly WireMessage[];
  /** Messages that failed their schema (a test expects none), with the reason. */
  readonly invalid: readonly string[];
  /**
   * The first message from index `from` on (already received or still to come) that matches. The
   * timeout only keeps a broken test from hanging; it is not a timing assertion.
   */
  until(
    match: (message: WireMessage) => boolean,
    options?: { from?: number; what?: string; timeoutMs?: number },
  ): Promise<{ message: WireMessage; index: number }>;
  stop(): void;
}

/** Records every `<prefix>.v1.<ns>.runner.<kind>` message with a raw core subscription. */
export function recordRunnerMessages(nc: NatsConnection, prefix: string, namespace: string): WireRecorder {
  const messages: WireMessage[] = [];
  const invalid: string[] = [];
  const subscription: Subscription = nc.subscribe(`${prefix}.v1.${namespace}.runner.*`, {
    callback: (error, m) => {
      if (error !== null) {
        invalid.push(error.message);
        return;
      }
      const subject = parseRunnerSubject(prefix, m.subject);
      const msgId = msgIdOf(m.headers);
      if (subject === null) {
        invalid.push(`not a runner subject: ${m.subject}`);
        return;
      }
      const fail = (error: string) => invalid.push(`${m.subject}: ${error}`);
      switch (subject.kind) {
        case 'connected': {
          const parsed = parseJsonMessage(RunnerConnectedMessage, m.data);
          if (parsed.ok) messages.push({ kind: 'connected', payload: parsed.value, msgId });
          else fail(parsed.error);
          return;
        }
        case 'heartbeat': {
          const parsed = parseJsonMessage(RunnerHeartbeatMessage, m.data);
          if (parsed.ok) messages.push({ kind: 'heartbeat', payload: parsed.value, msgId });
          else fail(parsed.error);
          return;
        }
        case 'disconnected': {
          const parsed = parseJsonMessage(RunnerDisconnectedMessage, m.data);
          if (parsed.ok) messages.push({ kind: 'disconnected', payload: parsed.value, msgId });
          else fail(parsed.error);
          return;
        }
      }
    },
  });

  return {
    messages,
    invalid,
    async until(match, { from = 0, what = 'a matching runner message', timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (let index = from; ; ) {
        for (; index < messages.length; index++) {
          const message = messages[index];
          if (message !== undefined && match(message)) return { message, index };
        }
        if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
        await sleep(10);
      }
    },
    stop: () => subscription.unsubscribe(),
  };
}

/**
 * Records the calling test file's runner messages in `namespace` from its first test to its last, and
 * then expects that none of them failed its schema.
 */
export function useWireRecorder(nats: TestNats, namespace: string): WireRecorder {
  let recorder: WireRecorder | undefined;
  const current = (): WireRecorder => {
    if (recorder === undefined)
      throw new Error('the wire recorder starts in beforeAll: use it inside a test');
    return recorder;
  };
  beforeAll(() => {
    recorder = recordRunnerMessages(nats.nc, nats.prefix, namespace);
  });
  afterAll(() => {
    expect(current().invalid).toEqual([]);
    current().stop();
  });
  return {
    get messages() {
      return current().messages;
    },
    get invalid() {
      return current().invalid;
    },
    until: (match, options) => current().until(match, options),
    stop: () => current().stop(),
  };
}
