import { describe, expect, it } from 'vitest';
import { NatsPermissionsInput } from './nats-permissions-input';
import { planNatsUsers } from './plan-nats-users';

function plan(input: unknown) {
  return new Map(planNatsUsers(NatsPermissionsInput.parse(input)).map((user) => [user.user, user]));
}

describe('the users of two namespaces, one with two launchers', () => {
  const users = plan({
    prefix: 'acme.rollcall',
    namespaces: [{ namespace: 'a', launcherServers: ['s1', 's2'] }, { namespace: 'b' }],
  });

  it('has one runner user per namespace, one launcher user per server, and the services user', () => {
    expect([...users.keys()]).toEqual(['runner.a', 'launcher.a.s1', 'launcher.a.s2', 'runner.b', 'services']);
  });

  it("lets a namespace's runners publish its three runner subjects and hear only its commands", () => {
    expect(users.get('runner.a')).toMatchObject({
      publish: [
        'acme.rollcall.v1.a.runner.connected',
        'acme.rollcall.v1.a.runner.heartbeat',
        'acme.rollcall.v1.a.runner.disconnected',
      ],
      subscribe: [
        'acme.rollcall.v1.a.runner.*.drain',
        'acme.rollcall.v1.a.runner.*.stop',
        'acme.rollcall.v1.a.runner.*.undrain',
        '_INBOX_a.>',
      ],
      allowResponses: false,
    });
  });

  it("never gives a runner or a launcher a subject outside its namespace's subjects and inboxes", () => {
    for (const user of users.values()) {
      if (user.namespace === null) continue;
      for (const subject of [...user.publish, ...user.subscribe]) {
        if (subject === `_INBOX_${user.namespace}.>`) continue;
        expect(subject.startsWith(`acme.rollcall.v1.${user.namespace}.`)).toBe(true);
        expect(subject).not.toContain('>');
      }
    }
  });

  it("lets a launcher hear only its own server's requests and publish nothing but replies", () => {
    expect(users.get('launcher.a.s2')).toMatchObject({
      publish: [],
      subscribe: [
        'acme.rollcall.v1.a.launcher.s2.start',
        'acme.rollcall.v1.a.launcher.s2.stop',
        'acme.rollcall.v1.a.launcher.s2.status',
      ],
      allowResponses: true,
    });
  });

  it('lets the services command runners and launchers of every namespace and use only the ingest stream', () => {
    const services = users.get('services');
    expect(services?.publish).toEqual(
      expect.arrayContaining([
        'acme.rollcall.v1.*.runner.*.drain',
        'acme.rollcall.v1.*.launcher.*.start',
        'acme.rollcall.v1.*.query.*',
        '$JS.API.STREAM.CREATE.ACME_ROLLCALL_RUNNERS',
        '$JS.API.CONSUMER.MSG.NEXT.ACME_ROLLCALL_RUNNERS.registry',
        '$JS.ACK.ACME_ROLLCALL_RUNNERS.registry.>',
      ]),
    );
    expect(services?.publish.filter((subject) => subject.startsWith('$JS.API.STREAM.DELETE'))).toEqual([]);
    expect(services?.subscribe).toEqual(['acme.rollcall.v1.*.query.*', '_INBOX.>']);
    expect(services?.allowResponses).toBe(true);
  });
});

describe('input the contract does not allow', () => {
  it.each([
    [{ namespaces: [] }, 'namespaces'],
    [{ namespaces: [{ namespace: 'a.b' }] }, 'namespaces.0.namespace'],
    [{ namespaces: [{ namespace: 'a' }, { namespace: 'a' }] }, 'namespaces'],
    [{ namespaces: [{ namespace: 'a', launcherServers: ['s', 's'] }] }, 'namespaces.0.launcherServers'],
    [{ prefix: 'x.>', namespaces: [{ namespace: 'a' }] }, 'prefix'],
  ])('%j is refused at %s', (input, path) => {
    const parsed = NatsPermissionsInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
