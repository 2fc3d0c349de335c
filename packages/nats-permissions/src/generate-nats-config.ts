import { describeIssues } from '@rollcall/contracts';
import type { z } from 'zod';
import { InvalidNatsPermissionsInputError } from './invalid-nats-permissions-input-error';
import { type IssueCredentialsOptions, issueCredentials, type NatsCredential } from './issue-credentials';
import { NatsPermissionsInput } from './nats-permissions-input';
import type { NatsUserPlan } from './nats-user-plan';
import { planNatsUsers } from './plan-nats-users';
import { renderNatsConfig } from './render-nats-config';

export interface GeneratedNatsConfig {
  /** nats-server config text (the `accounts` block) with bcrypt hashes only. */
  readonly config: string;
  readonly users: readonly NatsUserPlan[];
  /** The passwords, in the order of `users`: hand each new one to its holder, they are not kept anywhere. */
  readonly credentials: readonly NatsCredential[];
}

/**
 * Plans the users (pure), issues a password for each, and renders the config. Throws
 * `InvalidNatsPermissionsInputError` naming the field when the input breaks the contract.
 */
export async function generateNatsConfig(
  input: z.input<typeof NatsPermissionsInput>,
  options: IssueCredentialsOptions = {},
): Promise<GeneratedNatsConfig> {
  const parsed = NatsPermissionsInput.safeParse(input);
  if (!parsed.success) {
    throw new InvalidNatsPermissionsInputError(describeIssues(parsed.error.issues), parsed.error.issues, {
      cause: parsed.error,
    });
  }
  const users = planNatsUsers(parsed.data);
  const credentials = await issueCredentials(users, options);
  const config = renderNatsConfig({
    account: parsed.data.account,
    prefix: parsed.data.prefix,
    users,
    passwordHashes: new Map(credentials.map(({ user, passwordHash }) => [user, passwordHash])),
  });
  return { config, users, credentials };
}
