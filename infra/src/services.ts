/** A Rollcall service process as bring-up runs it: `services/<service>/src/main.ts`, answering on `port`. */
export interface ServiceSpec {
  /** Unique among the processes; names its output lines. */
  name: string;
  /** The folder under `services/` it runs. @default name */
  service?: string;
  port: number;
  /** Set for this process only, over the environment every service gets (PORT still wins). */
  env?: Readonly<Record<string, string>>;
}

/** The namespace the local launchers serve, and the one the demo fleet runs in. */
export const LOCAL_NAMESPACE = 'demo';

/** The simulated servers: one local launcher each, starting runners on this machine. */
export const LOCAL_SERVERS = ['server-a', 'server-b', 'server-c'] as const;

/** A local launcher for `serverId` on `port`, named after the server's last part (`launcher-a`). */
function launcher(serverId: string, port: number): ServiceSpec {
  return {
    name: `launcher-${serverId.replace(/^server-/, '')}`,
    service: 'launcher',
    port,
    env: { ROLLCALL_SERVER_ID: serverId, ROLLCALL_NAMESPACE: LOCAL_NAMESPACE },
  };
}

/** Every service, in start order. The api's port can be changed with PORT (see up-config). */
export const services: readonly ServiceSpec[] = [
  { name: 'registry', port: 8081 },
  { name: 'drainer', port: 8082 },
  { name: 'upgrader', port: 8083 },
  { name: 'api', port: 8080 },
  ...LOCAL_SERVERS.map((serverId, index) => launcher(serverId, 8084 + index)),
];
