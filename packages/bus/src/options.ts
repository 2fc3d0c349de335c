import type { Logger } from 'pino';
import type { z } from 'zod';
import type { InvalidMessage } from './invalid-message';

/** The payload is checked against `schema` before it is sent or handled. */
export type Validated<Schema extends z.ZodType> = { schema: Schema };

/** The loop ends, after finishing the message in hand, when `signal` aborts. */
export type Cancellable = { signal: AbortSignal };

export type Logged = { logger: Logger };

/**
 * Called with each message that is not JSON or fails the schema, so the caller can dead-letter it and
 * count it. The message is never handed to `handle`.
 */
export type InvalidMessageHandler = { onInvalid(invalid: InvalidMessage): Promise<void> | void };
