import type { Logger } from 'pino';

/** The ids that tie a log line to the message or event that caused it. */
export interface CorrelationIds {
  eventId?: string | undefined;
  causationId?: string | undefined;
  correlationId?: string | undefined;
  runnerId?: string | undefined;
}

/** A child logger whose every line carries the given ids; unset ids are left out rather than logged empty. */
export function withCorrelation(logger: Logger, ids: CorrelationIds): Logger {
  const bindings = Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined));
  return logger.child(bindings);
}
