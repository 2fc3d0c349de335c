import { type AccessEvent, accessStream } from '@rollcall/contracts';
import {
  type AccessCommand,
  AccessCommandError,
  type AccessState,
  decideAccess,
  evolveAccess,
} from '@rollcall/domain';
import {
  type CommandHandling,
  type CommandResult,
  type EventLogDatabase,
  handleCommandOnStream,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { accessEventRegistry } from './access-event-registry';
import type { AccessTokens } from './access-tokens';

/**
 * The eventlog's command handler over the one `access-tokens` stream: (1) the tokens as of the latest
 * version (the api's cache, caught up), (2) decide, (3) append at that version, deciding again after a
 * concurrent admin's change. Refusals (`AccessCommandError`) propagate untouched.
 * @throws AccessCommandError, CommandRetriesExhaustedError
 */
export function handleAccessCommand(
  db: Kysely<EventLogDatabase>,
  tokens: AccessTokens,
  command: AccessCommand,
  { correlationId }: { correlationId?: string } = {},
): Promise<CommandResult<AccessState, AccessEvent>> {
  const handling: CommandHandling<AccessState, AccessCommand, AccessEvent> = {
    decide: decideAccess,
    evolve: evolveAccess,
    registry: accessEventRegistry,
    // The cache checks the stream's version on every read, so there is no stale state to peek at.
    states: { peek: () => undefined, catchUp: () => tokens.current(), applied: () => {} },
    metadataOf: ({ metadata }) => ({ actor: metadata.actor }),
    isRefusal: (error) => error instanceof AccessCommandError,
  };
  return handleCommandOnStream(db, accessStream(), handling, () => command, {
    ...(correlationId === undefined ? {} : { metadata: { correlationId } }),
  });
}
