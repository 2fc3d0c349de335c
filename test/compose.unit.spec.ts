import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Offline checks of docker-compose.yml: the Compose Specification's JSON Schema (vendored in infra/, see
// infra/compose-spec.schema.md), then the rules this repository relies on. With a docker compose client
// present, `docker compose config -q` checks it too; that needs no engine.
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

const composeText = read('docker-compose.yml');
// `<<:` merge keys are YAML 1.1, which Compose supports; the yaml package needs to be told.
const compose = parse(composeText, { merge: true });
const rollcallServices = ['registry', 'drainer', 'upgrader', 'api'];
const rollcallEnv = [
  'DATABASE_URL',
  'NATS_URL',
  'PORT',
  'LOG_LEVEL',
  'ROLLCALL_ADMIN_TOKEN',
  'ROLLCALL_SUBJECT_PREFIX',
];

type Service = {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
};
const services: Record<string, Service> = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

function composeClientAnswers(): boolean {
  return spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The schema still carries draft-04 `id` annotations, which Ajv rejects unless the keyword is unknown.
    ajv.removeKeyword('id');
    // Compose's own formats: durations like 1m30s, and port / subnet notations checked by Compose itself.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
    for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
    // Its `$schema` names draft 2019-09 by an old URL (http, trailing #) that Ajv does not know by that name.
    const { $schema: _, ...schema } = JSON.parse(read('infra/compose-spec.schema.json'));
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs each service in its own container built from infra/Dockerfile', () => {
    for (const name of rollcallServices) {
      expect(service(name).build).toEqual({
        context: '.',
        dockerfile: 'infra/Dockerfile',
        args: { SERVICE: name },
      });
      expect(existsSync(`${root}services/${name}`)).toBe(true);
    }
  });

  it('gives every service the whole configuration, pointing at the nats and postgres services', () => {
    for (const name of rollcallServices) {
      const env = service(name).environment ?? {};
      expect(Object.keys(env).sort()).toEqual([...rollcallEnv].sort());
      expect(new URL(env.DATABASE_URL ?? '').host).toBe('postgres:5432');
      expect(new URL(env.NATS_URL ?? '').host).toBe('nats:4222');
    }
    const ports = rollcallServices.map((name) => service(name).environment?.PORT);
    expect(new Set(ports).size).toBe(rollcallServices.length);
  });

  it('publishes the API on 8080', () => {
    expect(service('api').environment?.PORT).toBe('8080');
    expect(service('api').ports).toEqual(['8080:8080']);
  });

  it('starts services only after what they depend on is healthy (or, for migrate, done)', () => {
    for (const name of rollcallServices) {
      expect(service(name).depends_on).toEqual({
        nats: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    for (const [name, { depends_on = {} }] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(depends_on)) {
        expect(Object.keys(services), `${name} depends on ${target}`).toContain(target);
        if (condition === 'service_healthy')
          expect(service(target).healthcheck, `${target} healthcheck`).toBeDefined();
      }
    }
  });

  it('has a healthcheck on every long-running container', () => {
    const longRunning = Object.keys(services).filter((name) => name !== 'migrate');
    for (const name of longRunning) expect(service(name).healthcheck?.test.length, name).toBeGreaterThan(0);
    for (const name of rollcallServices)
      expect(service(name).healthcheck?.test.join(' ')).toContain('/readyz');
  });

  it('runs NATS with JetStream from infra/nats/nats.conf, and Postgres 15', () => {
    expect(service('nats').command).toContain('-js');
    expect(service('nats').volumes).toContain('./infra/nats/nats.conf:/etc/nats/nats.conf:ro');
    expect(read('infra/nats/nats.conf')).toMatch(/jetstream\s*\{[^}]*store_dir/);
    expect(service('postgres').image).toBe('postgres:15');
  });

  it('migrates once with the infra migration script', () => {
    expect(service('migrate').command).toEqual(['pnpm', 'exec', 'tsx', 'infra/src/migrate.ts']);
    expect(existsSync(`${root}infra/src/migrate.ts`)).toBe(true);
  });

  // Skipped where the docker compose client plugin is missing (the bare docker client cannot validate).
  it.runIf(composeClientAnswers())(
    'is accepted by `docker compose config` (needs the compose client plugin, not an engine)',
    () => {
      expect(() =>
        execFileSync('docker', ['compose', '-f', 'docker-compose.yml', 'config', '-q'], {
          cwd: root,
          env: { ...process.env, ROLLCALL_ADMIN_TOKEN: 'compose-config-check-token' },
          stdio: 'pipe',
        }),
      ).not.toThrow();
    },
  );
});

describe('infra/Dockerfile', () => {
  const dockerfile = read('infra/Dockerfile');

  it('builds on node:24-slim with the pinned pnpm and the frozen lockfile', () => {
    expect(dockerfile).toMatch(/^FROM node:24-slim$/m);
    expect(dockerfile).toMatch(/corepack enable && corepack install/);
    expect(dockerfile).toMatch(/pnpm install --offline --frozen-lockfile/);
  });

  it('runs the service the SERVICE build arg names', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell, not JavaScript, expands ${SERVICE}
    expect(dockerfile).toContain('pnpm exec tsx services/${SERVICE}/src/main.ts');
  });
});
