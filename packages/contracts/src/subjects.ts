import { z } from 'zod';
import { checkToken } from './check-token';
import { IDENTIFIER_PATTERN, Identifier } from './identifiers';

/** The subject prefix unless `ROLLCALL_SUBJECT_PREFIX` says otherwise. */
export const DEFAULT_SUBJECT_PREFIX = 'rollcall';

const PROTOCOL_VERSION = 'v1';

const identifierToken = IDENTIFIER_PATTERN.source.slice(1, -1);

/** One or more identifier tokens joined by dots, e.g. `rollcall` or `acme.rollcall`. */
export const SubjectPrefix = z.string().regex(new RegExp(`^${identifierToken}(?:\\.${identifierToken})*$`), {
  error: 'must be dot-separated tokens of 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"',
});
export type SubjectPrefix = z.infer<typeof SubjectPrefix>;

/** What a runner publishes: `<prefix>.v1.<ns>.runner.<kind>`. */
export const RunnerMessageKind = z.enum(['connected', 'heartbeat', 'disconnected']);
export type RunnerMessageKind = z.infer<typeof RunnerMessageKind>;

/** What Rollcall sends a runner: `<prefix>.v1.<ns>.runner.<runnerId>.<kind>`. */
export const RunnerCommandKind = z.enum(['drain', 'stop', 'undrain']);
export type RunnerCommandKind = z.infer<typeof RunnerCommandKind>;

/** What Rollcall asks a launcher: `<prefix>.v1.<ns>.launcher.<serverId>.<kind>`. */
export const LauncherRequestKind = z.enum(['start', 'stop', 'status']);
export type LauncherRequestKind = z.infer<typeof LauncherRequestKind>;

function prefixToken(prefix: string): string {
  return checkToken('prefix', SubjectPrefix, prefix);
}

function token(field: string, value: string): string {
  return checkToken(field, Identifier, value);
}

function namespaceRoot(prefix: string, namespace: string): string {
  return `${prefixToken(prefix)}.${PROTOCOL_VERSION}.${token('namespace', namespace)}`;
}

/** `<prefix>.v1.<ns>.runner.connected|heartbeat|disconnected`: where a runner publishes. */
export function runnerMessageSubject(prefix: string, namespace: string, kind: RunnerMessageKind): string {
  return `${namespaceRoot(prefix, namespace)}.runner.${checkToken('kind', RunnerMessageKind, kind)}`;
}

/**
 * Ingest filter over every namespace: `<prefix>.v1.*.runner.<kind>`, or `<prefix>.v1.*.runner.*` for all
 * three kinds. The all-kinds form cannot match a command subject, which has one more token.
 */
export function runnerMessageWildcard(prefix: string, kind?: RunnerMessageKind): string {
  const last = kind === undefined ? '*' : checkToken('kind', RunnerMessageKind, kind);
  return `${prefixToken(prefix)}.${PROTOCOL_VERSION}.*.runner.${last}`;
}

/** `<prefix>.v1.<ns>.runner.<runnerId>.drain|stop|undrain`: where one runner listens. */
export function runnerCommandSubject(
  prefix: string,
  namespace: string,
  runnerId: string,
  kind: RunnerCommandKind,
): string {
  return `${namespaceRoot(prefix, namespace)}.runner.${token('runnerId', runnerId)}.${checkToken('kind', RunnerCommandKind, kind)}`;
}

/** `<prefix>.v1.<ns>.launcher.<serverId>.start|stop|status`: request/reply with one server's launcher. */
export function launcherSubject(
  prefix: string,
  namespace: string,
  serverId: string,
  kind: LauncherRequestKind,
): string {
  return `${namespaceRoot(prefix, namespace)}.launcher.${token('serverId', serverId)}.${checkToken('kind', LauncherRequestKind, kind)}`;
}

/** `<prefix>.v1.<ns>.query.<name>`: request/reply read queries (e.g. placement). */
export function querySubject(prefix: string, namespace: string, name: string): string {
  return `${namespaceRoot(prefix, namespace)}.query.${token('query name', name)}`;
}

/** `<prefix>.v1.*.query.<name>`: one subscription answers a query for every namespace. */
export function queryWildcard(prefix: string, name: string): string {
  return `${prefixToken(prefix)}.${PROTOCOL_VERSION}.*.query.${token('query name', name)}`;
}

/** The namespace of a subject `queryWildcard(prefix, name)` matched, or null for anything else. */
export function parseQuerySubject(prefix: string, name: string, subject: string): string | null {
  const head = `${prefixToken(prefix)}.${PROTOCOL_VERSION}.`;
  if (!subject.startsWith(head)) return null;
  const rest = subject.slice(head.length).split('.');
  if (rest.length !== 3 || rest[1] !== 'query' || rest[2] !== name) return null;
  const namespace = Identifier.safeParse(rest[0]);
  return namespace.success ? namespace.data : null;
}

export type RunnerSubject = {
  readonly namespace: string;
  readonly kind: RunnerMessageKind;
};

/**
 * Reads a subject a runner published on. Returns null for anything that is not exactly
 * `<prefix>.v1.<ns>.runner.<kind>` with a valid namespace, so ingest can dead-letter it.
 */
export function parseRunnerSubject(prefix: string, subject: string): RunnerSubject | null {
  const head = `${prefixToken(prefix)}.${PROTOCOL_VERSION}.`;
  if (!subject.startsWith(head)) return null;
  const rest = subject.slice(head.length).split('.');
  if (rest.length !== 3 || rest[1] !== 'runner') return null;
  const namespace = Identifier.safeParse(rest[0]);
  const kind = RunnerMessageKind.safeParse(rest[2]);
  if (!namespace.success || !kind.success) return null;
  return { namespace: namespace.data, kind: kind.data };
}
