/** A Rollcall service as bring-up runs it: `services/<name>/src/main.ts`, answering on `port`. */
export interface ServiceSpec {
  name: string;
  port: number;
}

/** Every service, in start order. The api's port can be changed with PORT (see up-config). */
export const services: readonly ServiceSpec[] = [
  { name: 'registry', port: 8081 },
  { name: 'drainer', port: 8082 },
  { name: 'upgrader', port: 8083 },
  { name: 'api', port: 8080 },
];
