import type { NatsConnection } from '@nats-io/nats-core';
import { RequestFailedError, request } from '@rollcall/bus';
import {
  LauncherStartReply,
  LauncherStartRequest,
  LauncherStatusReply,
  LauncherStatusRequest,
  LauncherStopRequest,
  launcherSubject,
  type RunnerId,
  type ServerId,
} from '@rollcall/contracts';
import { z } from 'zod';
import type { UpgraderMetrics } from './upgrader-metrics';

// The contract has no stop reply schema yet: any `{ok: true}` will do, the rest is the launcher's own.
const LauncherStopReply = z.object({ ok: z.literal(true) }).loose();

export interface LauncherClientOptions {
  nc: NatsConnection;
  prefix: string;
  metrics: UpgraderMetrics;
  /** How long a start may take (a launcher fetches the artifact first), in ms. @default 30000 */
  startTimeoutMs?: number;
  /** How long a stop or status may take, in ms. @default 5000 */
  requestTimeoutMs?: number;
}

/** A runner a launcher lists, as the contract describes it. */
export type LauncherRunner = LauncherStatusReply['runners'][number];

/** The launcher protocol as the upgrader uses it, one launcher per (namespace, server). */
export interface LauncherClient {
  /** Never throws for a launcher that is gone or slow: that is a `start_failed` naming the server. */
  start(namespace: string, serverId: ServerId, request: LauncherStartRequest): Promise<LauncherStartReply>;
  /** Terminates a runner; a launcher that does not know it has nothing to stop. */
  stop(namespace: string, serverId: ServerId, runnerId: RunnerId): Promise<void>;
  /** What the launcher runs, or null when no launcher serves the server. @throws RequestFailedError on a timeout */
  status(namespace: string, serverId: ServerId): Promise<LauncherStatusReply | null>;
}

export function launcherClient(options: LauncherClientOptions): LauncherClient {
  const { nc, prefix, metrics } = options;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const timeoutMs = options.requestTimeoutMs ?? 5000;

  async function timed<T>(kind: string, send: () => Promise<T>, outcomeOf: (reply: T) => string): Promise<T> {
    const end = metrics.launcherRequestSeconds.startTimer({ kind });
    try {
      const reply = await send();
      end({ outcome: outcomeOf(reply) });
      return reply;
    } catch (error) {
      end({
        outcome: error instanceof RequestFailedError && error.reason !== 'other' ? error.reason : 'error',
      });
      throw error;
    }
  }

  return {
    async start(namespace, serverId, payload) {
      try {
        return await timed(
          'start',
          () =>
            request(nc, {
              subject: launcherSubject(prefix, namespace, serverId, 'start'),
              requestSchema: LauncherStartRequest,
              replySchema: LauncherStartReply,
              payload,
              timeoutMs: startTimeoutMs,
            }),
          (reply) => (reply.ok ? 'ok' : 'refused'),
        );
      } catch (error) {
        // Nothing says the runner came up: the start failed, and the message says why.
        return { ok: false, error: { class: 'start_failed', message: startFailure(serverId, error) } };
      }
    },

    async stop(namespace, serverId, runnerId) {
      await timed(
        'stop',
        () =>
          request(nc, {
            subject: launcherSubject(prefix, namespace, serverId, 'stop'),
            requestSchema: LauncherStopRequest,
            replySchema: LauncherStopReply,
            payload: { runnerId },
            timeoutMs,
          }),
        () => 'ok',
      );
    },

    async status(namespace, serverId) {
      try {
        return await timed(
          'status',
          () =>
            request(nc, {
              subject: launcherSubject(prefix, namespace, serverId, 'status'),
              requestSchema: LauncherStatusRequest,
              replySchema: LauncherStatusReply,
              payload: {},
              timeoutMs,
            }),
          () => 'ok',
        );
      } catch (error) {
        if (error instanceof RequestFailedError && error.reason === 'no_responders') return null;
        throw error;
      }
    },
  };
}

function startFailure(serverId: ServerId, error: unknown): string {
  if (error instanceof RequestFailedError) {
    switch (error.reason) {
      case 'no_responders':
        return `no launcher serves server ${serverId}`;
      case 'timeout':
        return `the launcher of server ${serverId} did not answer the start in time (${error.message})`;
      default:
        return `the start request to server ${serverId} failed: ${error.message}`;
    }
  }
  return `the launcher of server ${serverId} answered what the protocol does not allow: ${String(error)}`;
}

/** Whether a listed runner still runs (the contract's `state` is optional; absent means running). */
export function isRunning(runner: LauncherRunner): boolean {
  return runner.state === undefined || runner.state === 'running';
}
