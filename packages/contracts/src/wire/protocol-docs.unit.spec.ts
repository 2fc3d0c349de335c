import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { wireJsonSchemas } from './wire-json-schemas';
import { wireMessages } from './wire-messages';

// docs/protocol.md and docs/protocol/*.json are what runner authors in other languages read. These tests
// hold them to the zod schemas: every example parses, and the JSON Schemas accept and reject what zod does.

const docsDir = new URL('../../../../docs/', import.meta.url);
const protocolMd = readFileSync(new URL('protocol.md', docsDir), 'utf8');
const generated = wireJsonSchemas();

const examples = [...protocolMd.matchAll(/<!-- example: (\w+) -->\s*```json\n([\s\S]*?)\n```/g)].map(
  ([, name = '', json = '']) => {
    const payload: unknown = JSON.parse(json);
    return { name, payload };
  },
);

const schemasByName = new Map(Object.entries(wireMessages));

const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const jsonValidators = new Map(
  generated.map(({ name, fileName }) => [
    name,
    ajv.compile(JSON.parse(readFileSync(new URL(`protocol/${fileName}`, docsDir), 'utf8'))),
  ]),
);

function accepts(name: string, payload: unknown): { zod: boolean; jsonSchema: boolean } {
  return {
    zod: schemasByName.get(name)?.safeParse(payload).success ?? false,
    jsonSchema: Boolean(jsonValidators.get(name)?.(payload)),
  };
}

describe('docs/protocol/*.json', () => {
  it('are exactly the generated schemas, with no file left over', () => {
    const onDisk = readdirSync(new URL('protocol/', docsDir)).filter((name) => name.endsWith('.json'));
    expect(onDisk.sort()).toEqual(generated.map((schema) => schema.fileName).sort());
    for (const { fileName, schema } of generated) {
      const checkedIn: unknown = JSON.parse(readFileSync(new URL(`protocol/${fileName}`, docsDir), 'utf8'));
      expect(checkedIn, `${fileName} is stale: run pnpm run protocol:gen`).toEqual(schema);
    }
  });

  it('are each linked from docs/protocol.md', () => {
    for (const { fileName } of generated) expect(protocolMd).toContain(`(protocol/${fileName})`);
  });
});

describe('the examples in docs/protocol.md', () => {
  it('cover every wire message and name only wire messages', () => {
    expect(new Set(examples.map((example) => example.name))).toEqual(new Set(Object.keys(wireMessages)));
  });

  it.each(examples.map((example, index) => [`${index + 1}: ${example.name}`, example] as const))(
    'example %s is accepted by the zod schema and the JSON Schema',
    (_label, { name, payload }) => {
      expect(accepts(name, payload)).toEqual({ zod: true, jsonSchema: true });
    },
  );
});

const connected = { runnerId: 'web-1', pool: 'web', version: 42, serverId: 'host-1' };
const manyLabels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));

describe('zod and JSON Schema agree', () => {
  it.each([
    ['RunnerConnectedMessage', { ...connected, runnerId: 'a.b' }],
    ['RunnerConnectedMessage', { ...connected, pool: '*' }],
    ['RunnerConnectedMessage', { ...connected, pool: '>' }],
    ['RunnerConnectedMessage', { ...connected, serverId: 'host 1' }],
    ['RunnerConnectedMessage', { ...connected, runnerId: 'r'.repeat(65) }],
    ['RunnerConnectedMessage', { ...connected, version: 0 }],
    ['RunnerConnectedMessage', { ...connected, version: -1 }],
    ['RunnerConnectedMessage', { ...connected, version: 1.5 }],
    ['RunnerConnectedMessage', { ...connected, version: 2_147_483_648 }],
    ['RunnerConnectedMessage', { ...connected, version: '42' }],
    ['RunnerConnectedMessage', { ...connected, slots: 0 }],
    ['RunnerConnectedMessage', { ...connected, labels: manyLabels }],
    ['RunnerConnectedMessage', { ...connected, labels: { 'a key': 'v' } }],
    ['RunnerConnectedMessage', { ...connected, sentAt: '2026-01-31' }],
    ['RunnerConnectedMessage', { ...connected, sentAt: '2026-01-31T12:00:00' }],
    ['RunnerConnectedMessage', { runnerId: 'web-1', pool: 'web', version: 42 }],
    ['RunnerHeartbeatMessage', { runnerId: 'web-1' }],
    ['RunnerHeartbeatMessage', { runnerId: 'web-1', activeSessions: -1 }],
    ['RunnerDisconnectedMessage', {}],
    ['DrainCommand', { reason: 'bored', deadline: '2026-01-31T12:15:00Z' }],
    ['DrainCommand', { reason: 'operator' }],
    ['StopCommand', { reason: 'operator' }],
    ['UndrainCommand', {}],
    ['LauncherStartRequest', { pool: 'web', version: 1, artifact: 'a' }],
    ['LauncherStartRequest', { pool: 'web', version: 1, artifact: 'a', forceRefresh: false, digest: 'nope' }],
    ['LauncherStartReply', { ok: true }],
    ['LauncherStartReply', { ok: false, error: { class: 'oops', message: 'x' } }],
    ['LauncherStopRequest', { runnerId: 'a.b' }],
    ['LauncherStatusReply', { runners: [{ runnerId: 'w', pool: 'web', version: 0 }], cache: [] }],
    ['LauncherStatusRequest', []],
  ])('both reject a malformed %s: %j', (name, payload) => {
    expect(accepts(name, payload)).toEqual({ zod: false, jsonSchema: false });
  });

  it.each([
    ['RunnerConnectedMessage', { ...connected, futureField: { nested: true } }],
    ['RunnerHeartbeatMessage', { runnerId: 'web-1', activeSessions: 0, cpu: 0.5 }],
    ['DrainCommand', { reason: 'rollout', deadline: '2026-01-31T12:15:00+01:00', rolloutId: 'r-1' }],
    ['LauncherStartReply', { ok: true, runnerId: 'web-2', pid: 1234 }],
    ['LauncherStatusRequest', { verbose: true }],
  ])('both accept unknown fields in %s', (name, payload) => {
    expect(accepts(name, payload)).toEqual({ zod: true, jsonSchema: true });
  });
});
