import type { AccessRole, Actor, Namespace } from '@rollcall/contracts';

/** Who a bearer token stands for: the actor recorded on what it does, its role, and its namespace (null: all). */
export type Principal = Readonly<{ actor: Actor; role: AccessRole; namespace: Namespace | null }>;
