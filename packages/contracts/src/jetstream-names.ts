import { checkToken } from './check-token';
import { SubjectPrefix } from './subjects';

/**
 * `<PREFIX>_RUNNERS`, e.g. `ROLLCALL_RUNNERS` or `ACME_ROLLCALL_RUNNERS` for `acme.rollcall`: the JetStream
 * stream that captures what runners publish (`runnerMessageWildcard(prefix)`). Stream names may not contain
 * `.`, so the prefix's dots become `_`; two prefixes differing only in case or in `.` versus `_` share a
 * name, which an operator avoids by giving deployments distinct prefixes.
 */
export function runnerIngestStreamName(prefix: string): string {
  return `${checkToken('prefix', SubjectPrefix, prefix).toUpperCase().replaceAll('.', '_')}_RUNNERS`;
}

/** The durable pull consumer of the runner ingest stream; every registry replica consumes under it. */
export const REGISTRY_CONSUMER_NAME = 'registry';
