import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { NatsUserPlan } from './nats-user-plan';

/** One user's secret, shown once: the config only keeps its bcrypt hash. */
export interface NatsCredential {
  readonly user: string;
  readonly role: NatsUserPlan['role'];
  readonly namespace: string | null;
  readonly serverId: string | null;
  /**
   * 32 random bytes, base64url: safe in a `nats://user:password@host` URL as is. Null for a user whose hash
   * was kept (`keep`): its holder's password stays valid and is known to nobody here.
   */
  readonly password: string | null;
  readonly passwordHash: string;
}

export interface IssueCredentialsOptions {
  /**
   * bcrypt cost; nats-server pays it on every connect, so a fleet reconnecting at once pays it many times.
   * @default 11 (what `nats server passwd` uses)
   */
  bcryptCost?: number;
  /** Hashes to keep, by user name (see `readPasswordHashes`): those users get no new password. */
  keep?: ReadonlyMap<string, string>;
}

/** A fresh random password and its bcrypt hash for each user, but for those whose hash is kept. */
export async function issueCredentials(
  users: readonly NatsUserPlan[],
  { bcryptCost = 11, keep = new Map() }: IssueCredentialsOptions = {},
): Promise<NatsCredential[]> {
  return Promise.all(
    users.map(async ({ user, role, namespace, serverId }) => {
      const kept = keep.get(user);
      if (kept !== undefined) return { user, role, namespace, serverId, password: null, passwordHash: kept };
      const password = randomBytes(32).toString('base64url');
      const passwordHash = await bcrypt.hash(password, bcryptCost);
      return { user, role, namespace, serverId, password, passwordHash };
    }),
  );
}
