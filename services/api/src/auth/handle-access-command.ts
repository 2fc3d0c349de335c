import { randomUUID } from 'node:crypto';
import { type AccessEvent, accessStream } from '@rollcall/contracts';
import { type AccessCommand, decideAccess, evolveAccess } from '@rollcall/domain';
import { append, ConcurrencyError, type EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { accessEventRegistry } from './access-event-registry';
import type { AccessTokens } from './access-tokens';
import type { LoadedAccess } from './fold-access-stream';

export interface AccessCommandResult extends LoadedAccess {
  /** What was appended; empty when the command changed nothing (a repeat). */
  readonly events: readonly AccessEvent[];
}

export interface HandleAccessCommandOptions {
  /** Recorded on the events beside the actor, e.g. the request id. */
  correlationId?: string;
  /** Appends tried before a command that keeps meeting concurrent writers fails. @default 5 */
  maxAttempts?: number;
}

/**
 * (1) take the tokens as of the latest version, (2) decide, (3) append expecting that version. Another
 * writer getting there first (ConcurrencyError) means deciding again on the caught-up tokens. Refusals
 * (`AccessCommandError`) propagate untouched.
 * @throws AccessCommandError, ConcurrencyError (after `maxAttempts`)
 */
export async function handleAccessCommand(
  db: Kysely<EventLogDatabase>,
  tokens: AccessTokens,
  command: AccessCommand,
  { correlationId, maxAttempts = 5 }: HandleAccessCommandOptions = {},
): Promise<AccessCommandResult> {
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await tokens.current();
    const events = decideAccess(command, state);
    if (events.length === 0) return { state, version, events };
    try {
      const { nextExpectedVersion } = await append(
        db,
        {
          streamName: accessStream(),
          expectedVersion: version,
          events: events.map((event) => ({
            eventId: randomUUID(),
            type: event.type,
            data: event.data,
            metadata: {
              actor: command.metadata.actor,
              ...(correlationId === undefined ? {} : { correlationId }),
            },
          })),
        },
        { registry: accessEventRegistry },
      );
      return { state: events.reduce(evolveAccess, state), version: nextExpectedVersion, events };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}
