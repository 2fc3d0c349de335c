/** Who a NATS user is for. */
export type NatsUserRole = 'runner' | 'launcher' | 'services';

/** One NATS user and exactly the subjects it may use; anything not listed is denied by the server. */
export interface NatsUserPlan {
  readonly user: string;
  readonly role: NatsUserRole;
  /** The namespace a runner or launcher user is confined to; null for the services user. */
  readonly namespace: string | null;
  /** The server a launcher user answers for; null otherwise. */
  readonly serverId: string | null;
  /** Subjects it may publish to; empty means none (replies still go out when `allowResponses`). */
  readonly publish: readonly string[];
  /** Subjects it may subscribe to. */
  readonly subscribe: readonly string[];
  /** May answer a request it received on its reply subject, and only once (nats-server `allow_responses`). */
  readonly allowResponses: boolean;
}
