import {
  parseJsonMessage,
  parseRunnerSubject,
  type RunnerConnectedMessage,
  type RunnerDisconnectedMessage,
  type RunnerHeartbeatMessage,
  type RunnerMessageKind,
  runnerMessageSchemas,
} from '@rollcall/contracts';
import type { z } from 'zod';

/** A runner message whose subject and payload passed the wire contract. */
export type RunnerMessage =
  | { readonly kind: 'connected'; readonly namespace: string; readonly payload: RunnerConnectedMessage }
  | { readonly kind: 'heartbeat'; readonly namespace: string; readonly payload: RunnerHeartbeatMessage }
  | {
      readonly kind: 'disconnected';
      readonly namespace: string;
      readonly payload: RunnerDisconnectedMessage;
    };

export type ParsedRunnerMessage =
  | { readonly ok: true; readonly message: RunnerMessage }
  | {
      readonly ok: false;
      /** The subject's kind when the subject itself was fine. */
      readonly kind: RunnerMessageKind | undefined;
      /** Names the offending field, or the subject. */
      readonly error: string;
      readonly issues: readonly z.core.$ZodIssue[];
    };

/** Validates a message taken from the ingest stream: its subject first, then its payload by kind. */
export function parseRunnerMessage(prefix: string, subject: string, data: Uint8Array): ParsedRunnerMessage {
  const parsedSubject = parseRunnerSubject(prefix, subject);
  if (parsedSubject === null) {
    return {
      ok: false,
      kind: undefined,
      error: `subject: ${subject} is not ${prefix}.v1.<namespace>.runner.<connected|heartbeat|disconnected> with a valid namespace`,
      issues: [],
    };
  }
  const { namespace, kind } = parsedSubject;
  switch (kind) {
    case 'connected': {
      const parsed = parseJsonMessage(runnerMessageSchemas.connected, data);
      return parsed.ok
        ? { ok: true, message: { kind, namespace, payload: parsed.value } }
        : { ok: false, kind, error: parsed.error, issues: parsed.issues };
    }
    case 'heartbeat': {
      const parsed = parseJsonMessage(runnerMessageSchemas.heartbeat, data);
      return parsed.ok
        ? { ok: true, message: { kind, namespace, payload: parsed.value } }
        : { ok: false, kind, error: parsed.error, issues: parsed.issues };
    }
    case 'disconnected': {
      const parsed = parseJsonMessage(runnerMessageSchemas.disconnected, data);
      return parsed.ok
        ? { ok: true, message: { kind, namespace, payload: parsed.value } }
        : { ok: false, kind, error: parsed.error, issues: parsed.issues };
    }
  }
}
