import { createHash } from 'node:crypto';
import { type EventLogDatabase, recordDeadLetter } from '@rollcall/eventlog';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { IngestKind, RegistryMetrics } from './registry-metrics';

export interface RefusedRunnerMessage {
  subject: string;
  data: Uint8Array;
  msgId: string | undefined;
  kind: IngestKind;
  /** Names the offending field (or the subject). */
  error: string;
  issues: readonly z.core.$ZodIssue[];
}

/**
 * Rule 5 for runner messages: park the message in `dead_letters` (source `nats:<subject>`, keyed by its
 * `Nats-Msg-Id` or else the SHA-256 of its payload, so a repeat bumps a count instead of adding rows), count
 * it, and log it the first time that key is seen. Resolves once the dead letter is committed.
 */
export function deadLetterRunnerMessage(options: {
  db: Kysely<EventLogDatabase>;
  metrics: RegistryMetrics;
  logger: Logger;
}): (refused: RefusedRunnerMessage) => Promise<void> {
  const { db, metrics, logger } = options;
  return async ({ subject, data, msgId, kind, error, issues }) => {
    const key = msgId ?? createHash('sha256').update(data).digest('hex');
    const { count } = await recordDeadLetter(db, {
      source: `nats:${subject}`,
      key,
      // Lenient: a payload that is not even UTF-8 is kept with replacement characters, not refused again.
      payload: new TextDecoder('utf-8').decode(data),
      error,
      issues,
    });
    metrics.ingestInvalid.inc({ kind });
    if (count === 1) {
      logger.warn({ subject, msgId, deadLetterKey: key, error }, 'invalid runner message dead-lettered');
    }
  };
}
