import {
  type LauncherRequestKind,
  launcherSubject,
  querySubject,
  REGISTRY_CONSUMER_NAME,
  type RunnerCommandKind,
  runnerCommandSubject,
  runnerIngestStreamName,
} from '@rollcall/contracts';

// Stands in for a token the contract's builders require and a pattern leaves open; only its position
// matters, since `wildcardAt` replaces it by position.
const SAMPLE = 'x';

/** Token positions after the prefix: `v1`, namespace, `runner|launcher|query`, id, kind. */
const NAMESPACE = 1;
const ID = 3;

/**
 * Puts `*` at the given positions of a subject the contract built, so every pattern is the contract's own
 * subject with some tokens left open (the contract has no wildcard builder for commands or launchers).
 */
function wildcardAt(subject: string, prefix: string, positions: readonly number[]): string {
  const prefixTokens = prefix.split('.').length;
  return subject
    .split('.')
    .map((token, index) => (positions.includes(index - prefixTokens) ? '*' : token))
    .join('.');
}

/** `<prefix>.v1.<ns>.runner.*.<kind>`, or `<prefix>.v1.*.runner.*.<kind>` when `namespace` is null. */
export function runnerCommandPattern(
  prefix: string,
  namespace: string | null,
  kind: RunnerCommandKind,
): string {
  const subject = runnerCommandSubject(prefix, namespace ?? SAMPLE, SAMPLE, kind);
  return wildcardAt(subject, prefix, namespace === null ? [NAMESPACE, ID] : [ID]);
}

/**
 * The inbox prefix a namespace's runners set on their client (nats.js `inboxPrefix`, nats.go
 * `CustomInboxPrefix`) to get JetStream's acknowledgement of a runner message: the protocol allows a
 * JetStream publish, whose ack comes back on an inbox, and `_INBOX.>` would let a runner read every inbox.
 */
export function runnerInboxPrefix(namespace: string): string {
  return `_INBOX_${namespace}`;
}

/** `<prefix>.v1.*.launcher.*.<kind>`: a request to any launcher. */
export function anyLauncherPattern(prefix: string, kind: LauncherRequestKind): string {
  return wildcardAt(launcherSubject(prefix, SAMPLE, SAMPLE, kind), prefix, [NAMESPACE, ID]);
}

/** `<prefix>.v1.*.query.*`: any read query in any namespace. */
export function anyQueryPattern(prefix: string): string {
  return wildcardAt(querySubject(prefix, SAMPLE, SAMPLE), prefix, [NAMESPACE, ID]);
}

/**
 * The JetStream API calls the registry makes on its ingest stream and durable consumer (create, update and
 * read both, pull batches, ack), and nothing on any other stream: no delete, no purge.
 */
export function ingestJetStreamSubjects(prefix: string): string[] {
  const stream = runnerIngestStreamName(prefix);
  const consumer = REGISTRY_CONSUMER_NAME;
  return [
    '$JS.API.INFO',
    ...['INFO', 'CREATE', 'UPDATE'].map((action) => `$JS.API.STREAM.${action}.${stream}`),
    `$JS.API.CONSUMER.INFO.${stream}.${consumer}`,
    `$JS.API.CONSUMER.CREATE.${stream}.${consumer}`,
    // nats.js puts a single filter subject after the consumer name.
    `$JS.API.CONSUMER.CREATE.${stream}.${consumer}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
    `$JS.ACK.${stream}.${consumer}.>`,
  ];
}
