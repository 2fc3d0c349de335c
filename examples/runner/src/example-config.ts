import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import {
  Build,
  DEFAULT_SUBJECT_PREFIX,
  describeIssues,
  Labels,
  Namespace,
  PoolName,
  RunnerId,
  ServerId,
  SubjectPrefix,
  Version,
} from '@rollcall/contracts';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Everything the example runner can be told, after flags and environment are merged. */
export const ExampleConfig = z.object({
  natsUrl: z.string().min(1).default('nats://127.0.0.1:4222'),
  prefix: SubjectPrefix.default(DEFAULT_SUBJECT_PREFIX),
  namespace: Namespace.default('default'),
  pool: PoolName,
  version: z.coerce.number().pipe(Version),
  build: Build.optional(),
  serverId: ServerId.default(() =>
    hostname()
      .replace(/[^A-Za-z0-9_-]/g, '-')
      .slice(0, 64),
  ),
  runnerId: RunnerId.optional(),
  slots: z.coerce.number().pipe(z.int().min(1)).default(4),
  labels: Labels.default({}),
  heartbeatMs: z.coerce.number().pipe(z.int().min(10)).default(5000),
  /** New sessions per second; 0 keeps the runner idle. */
  sessionRate: z.coerce.number().pipe(z.number().min(0).max(1000)).default(0),
  /** How long each session lasts, in ms. */
  sessionMs: z.coerce.number().pipe(z.int().min(0)).default(1000),
  /** Sessions never finish on their own: only a forced stop ends them (deadline tests). */
  stuck: z.boolean().default(false),
  /** Crash this long after starting (a test knob: a new version whose runners do not stay healthy). */
  crashAfterMs: z.coerce.number().pipe(z.int().min(0)).optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
});
export type ExampleConfig = z.infer<typeof ExampleConfig>;

export const USAGE = `usage: node --import tsx examples/runner/src/main.ts --pool <pool> --version <n> [options]

  --nats-url <url>       ROLLCALL_NATS_URL, NATS_URL   default nats://127.0.0.1:4222
  --prefix <prefix>      ROLLCALL_SUBJECT_PREFIX       default rollcall
  --namespace <ns>       RUNNER_NAMESPACE              default default
  --pool <pool>          RUNNER_POOL                   required
  --version <n>          RUNNER_VERSION                required, integer >= 1
  --build <label>        RUNNER_BUILD
  --server-id <id>       RUNNER_SERVER_ID              default the host name
  --runner-id <id>       RUNNER_ID                     default <pool>-<random>
  --slots <n>            RUNNER_SLOTS                  default 4
  --label <k=v>          RUNNER_LABELS (k=v,k=v)       repeatable
  --heartbeat-ms <ms>    RUNNER_HEARTBEAT_MS           default 5000
  --session-rate <n/s>   RUNNER_SESSION_RATE           default 0 (idle)
  --session-ms <ms>      RUNNER_SESSION_MS             default 1000
  --stuck                RUNNER_STUCK=1                sessions never finish
  --crash-after-ms <ms>  RUNNER_CRASH_AFTER_MS         disconnect and exit 3 that long after starting
  --log-level <level>    LOG_LEVEL                     default info
`;

/** Bad flags or environment: the message names each field; the process prints it with the usage. */
export class ExampleConfigError extends Error {
  override readonly name = 'ExampleConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Flags win over the environment; both are checked with the contract's rules before anything connects. */
export function readExampleConfig(argv: readonly string[], env: Env): ExampleConfig {
  let values: ReturnType<typeof parseFlags>['values'];
  try {
    values = parseFlags(argv).values;
  } catch (error) {
    throw new ExampleConfigError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const labels = values.label ?? splitList(env.RUNNER_LABELS);
  const parsed = ExampleConfig.safeParse({
    natsUrl: values['nats-url'] ?? env.ROLLCALL_NATS_URL ?? env.NATS_URL,
    prefix: values.prefix ?? env.ROLLCALL_SUBJECT_PREFIX,
    namespace: values.namespace ?? env.RUNNER_NAMESPACE,
    pool: values.pool ?? env.RUNNER_POOL,
    version: values.version ?? env.RUNNER_VERSION,
    build: values.build ?? env.RUNNER_BUILD,
    serverId: values['server-id'] ?? env.RUNNER_SERVER_ID,
    runnerId: values['runner-id'] ?? env.RUNNER_ID,
    slots: values.slots ?? env.RUNNER_SLOTS,
    labels: labels === undefined ? undefined : parseLabels(labels),
    heartbeatMs: values['heartbeat-ms'] ?? env.RUNNER_HEARTBEAT_MS,
    sessionRate: values['session-rate'] ?? env.RUNNER_SESSION_RATE,
    sessionMs: values['session-ms'] ?? env.RUNNER_SESSION_MS,
    stuck: values.stuck ?? (env.RUNNER_STUCK === undefined ? undefined : isTrue(env.RUNNER_STUCK)),
    crashAfterMs: values['crash-after-ms'] ?? env.RUNNER_CRASH_AFTER_MS,
    logLevel: values['log-level'] ?? env.LOG_LEVEL,
  });
  if (!parsed.success)
    throw new ExampleConfigError(describeIssues(parsed.error.issues), { cause: parsed.error });
  return parsed.data;
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      'nats-url': { type: 'string' },
      prefix: { type: 'string' },
      namespace: { type: 'string' },
      pool: { type: 'string' },
      version: { type: 'string' },
      build: { type: 'string' },
      'server-id': { type: 'string' },
      'runner-id': { type: 'string' },
      slots: { type: 'string' },
      label: { type: 'string', multiple: true },
      'heartbeat-ms': { type: 'string' },
      'session-rate': { type: 'string' },
      'session-ms': { type: 'string' },
      stuck: { type: 'boolean' },
      'crash-after-ms': { type: 'string' },
      'log-level': { type: 'string' },
    },
  });
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((item) => item.trim());
}

/** `k=v` pairs; a pair without `=` keeps an empty value, so the schema names the key if it is bad. */
function parseLabels(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      return at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function isTrue(value: string): boolean {
  return ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}
