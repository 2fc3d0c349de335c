import { describe, expect, it } from 'vitest';
import { issueCredentials } from './issue-credentials';
import { NatsPermissionsInput } from './nats-permissions-input';
import { planNatsUsers } from './plan-nats-users';
import { readPasswordHashes } from './read-password-hashes';
import { renderNatsConfig } from './render-nats-config';

describe('keeping the passwords of a config written before', () => {
  const before = planNatsUsers(NatsPermissionsInput.parse({ namespaces: [{ namespace: 'a' }] }));
  const after = planNatsUsers(
    NatsPermissionsInput.parse({
      namespaces: [{ namespace: 'a' }, { namespace: 'b', launcherServers: ['s1'] }],
    }),
  );

  it('reads back the hash of every user it rendered', async () => {
    const issued = await issueCredentials(before, { bcryptCost: 4 });
    const config = renderNatsConfig({
      account: 'ROLLCALL',
      prefix: 'rollcall',
      users: before,
      passwordHashes: new Map(issued.map((credential) => [credential.user, credential.passwordHash])),
    });
    expect(readPasswordHashes(config)).toEqual(
      new Map(issued.map((credential) => [credential.user, credential.passwordHash])),
    );
  });

  it('issues passwords only to the users that are new', async () => {
    const keep = new Map([
      ['runner.a', '$2b$04$keptRunnerA'],
      ['services', '$2b$04$keptServices'],
    ]);
    const issued = await issueCredentials(after, { bcryptCost: 4, keep });
    expect(issued.map(({ user, password, passwordHash }) => [user, password === null, passwordHash])).toEqual(
      [
        ['runner.a', true, '$2b$04$keptRunnerA'],
        ['runner.b', false, expect.stringMatching(/^\$2b\$04\$/)],
        ['launcher.b.s1', false, expect.stringMatching(/^\$2b\$04\$/)],
        ['services', true, '$2b$04$keptServices'],
      ],
    );
  });
});
