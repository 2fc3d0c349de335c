import {
  LauncherRequestKind,
  launcherSubject,
  RunnerCommandKind,
  RunnerMessageKind,
  runnerMessageSubject,
} from '@rollcall/contracts';
import type { NatsPermissionsInput } from './nats-permissions-input';
import type { NatsUserPlan } from './nats-user-plan';
import {
  anyLauncherPattern,
  anyQueryPattern,
  ingestJetStreamSubjects,
  runnerCommandPattern,
  runnerInboxPrefix,
} from './subject-patterns';

/** Replies to requests the services make (launcher start/stop/status, queries, JetStream API, pulled batches). */
const SERVICE_INBOXES = '_INBOX.>';

/**
 * The users of a Rollcall deployment and exactly what each may do, following what the code does:
 * - `runner.<ns>`: the runner SDK publishes `connected`, `heartbeat` and `disconnected` with core NATS and
 *   subscribes to its own `drain`, `stop` and `undrain`; the credential is shared by the namespace's runners,
 *   so the runner id is left open but the namespace is not. The SDK needs no inbox; a runner of another
 *   language that publishes through JetStream for an ack (the protocol allows it) gets the namespace's own
 *   inbox prefix (`runnerInboxPrefix`);
 * - `launcher.<ns>.<serverId>`: answers `start`, `stop` and `status` for its one server (a queue
 *   subscription) and publishes nothing but the replies;
 * - `services`: registry, drainer, upgrader and api share one user; they serve every namespace.
 */
export function planNatsUsers(input: NatsPermissionsInput): NatsUserPlan[] {
  const { prefix } = input;
  const perNamespace = input.namespaces.flatMap(({ namespace, launcherServers }): NatsUserPlan[] => [
    {
      user: `runner.${namespace}`,
      role: 'runner',
      namespace,
      serverId: null,
      publish: RunnerMessageKind.options.map((kind) => runnerMessageSubject(prefix, namespace, kind)),
      subscribe: [
        ...RunnerCommandKind.options.map((kind) => runnerCommandPattern(prefix, namespace, kind)),
        `${runnerInboxPrefix(namespace)}.>`,
      ],
      allowResponses: false,
    },
    ...launcherServers.map(
      (serverId): NatsUserPlan => ({
        user: `launcher.${namespace}.${serverId}`,
        role: 'launcher',
        namespace,
        serverId,
        publish: [],
        subscribe: LauncherRequestKind.options.map((kind) =>
          launcherSubject(prefix, namespace, serverId, kind),
        ),
        allowResponses: true,
      }),
    ),
  ]);
  const services: NatsUserPlan = {
    user: 'services',
    role: 'services',
    namespace: null,
    serverId: null,
    publish: [
      // drainer: the runner-command relay
      ...RunnerCommandKind.options.map((kind) => runnerCommandPattern(prefix, null, kind)),
      // upgrader: launcher requests
      ...LauncherRequestKind.options.map((kind) => anyLauncherPattern(prefix, kind)),
      // anyone asking the registry's query responders
      anyQueryPattern(prefix),
      // registry: the ingest stream and its durable consumer
      ...ingestJetStreamSubjects(prefix),
    ],
    subscribe: [anyQueryPattern(prefix), SERVICE_INBOXES],
    allowResponses: true,
  };
  return [...perNamespace, services];
}
