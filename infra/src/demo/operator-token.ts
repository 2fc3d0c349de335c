import { CreatedAccessToken } from '@rollcall/contracts';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { DEMO_NAMESPACE } from './demo-settings';

export type DemoToken =
  | { kind: 'operator'; token: string; name: string }
  /** The api has no token route: the admin token is all there is. */
  | { kind: 'admin'; token: string };

/**
 * An operator token for the demo namespace, made by the admin through `POST /v1/tokens` (names are unique,
 * so each run's carries its start time). Without that route the admin token is handed out instead.
 */
export async function demoOperatorToken(api: ApiClient, adminToken: string, now: Date): Promise<DemoToken> {
  const name = `demo-operator-${now.toISOString().replace(/[-:]|\.\d+Z$/g, '')}`;
  try {
    const created = await api('POST', '/v1/tokens', CreatedAccessToken, {
      role: 'operator',
      namespace: DEMO_NAMESPACE,
      name,
    });
    return { kind: 'operator', token: created.token, name: created.name };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: 'admin', token: adminToken };
    throw error;
  }
}
