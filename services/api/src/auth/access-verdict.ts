import type { AccessRole } from '@rollcall/contracts';
import { roleAtLeast } from '@rollcall/domain';
import type { Principal } from './principal';

export interface AccessVerdictInput {
  required: AccessRole;
  /** null: the request carries no bearer token. */
  principal: Principal | null;
  /** The route's `:ns`, or null for a route that spans every namespace. */
  namespace: string | null;
  /** Requests without a token may read (viewer) everywhere. */
  anonymousReads: boolean;
}

export type AccessVerdict =
  | Readonly<{ allowed: true }>
  | Readonly<{ allowed: false; status: 401 | 403; error: 'unauthorized' | 'forbidden'; message: string }>;

const article = (role: AccessRole) => (role === 'viewer' ? 'a' : 'an');

/**
 * Whether a (resolved or absent) token may use a route: 401 without a token unless it is a read and anonymous
 * reads are on; 403 when its role is weaker than the route needs, when it is scoped to another namespace,
 * or when it is scoped to a namespace and the route spans every namespace (`/v1/events`, `/v1/tokens`):
 * such a route would show or change other namespaces, so it takes a global token.
 */
export function accessVerdict({
  required,
  principal,
  namespace,
  anonymousReads,
}: AccessVerdictInput): AccessVerdict {
  if (principal === null) {
    if (anonymousReads && required === 'viewer') return { allowed: true };
    return refuse(
      401,
      `this endpoint needs ${article(required)} ${required} token: send Authorization: Bearer <token>`,
    );
  }
  if (!roleAtLeast(principal.role, required)) {
    return refuse(
      403,
      `this endpoint needs the ${required} role or higher; ${principal.actor} has the ${principal.role} role`,
    );
  }
  if (principal.namespace !== null && namespace === null) {
    return refuse(
      403,
      `this endpoint spans every namespace; ${principal.actor} is scoped to namespace ${principal.namespace}: use a global token`,
    );
  }
  if (principal.namespace !== null && principal.namespace !== namespace) {
    return refuse(
      403,
      `this endpoint is in namespace ${namespace}; ${principal.actor} is scoped to namespace ${principal.namespace}`,
    );
  }
  return { allowed: true };
}

function refuse(status: 401 | 403, message: string): AccessVerdict {
  return { allowed: false, status, error: status === 401 ? 'unauthorized' : 'forbidden', message };
}
