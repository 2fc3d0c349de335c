import { DEFAULT_SUBJECT_PREFIX, Namespace, ServerId, SubjectPrefix } from '@rollcall/contracts';
import { z } from 'zod';

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

/** One namespace: its runners share one credential; each listed server's launcher gets its own. */
export const NamespaceAccess = z.object({
  namespace: Namespace,
  /** Servers whose launcher serves this namespace. @default [] */
  launcherServers: z.array(ServerId).default([]).refine(unique, { error: 'lists a server twice' }),
});
export type NamespaceAccess = z.infer<typeof NamespaceAccess>;

/** What `generateNatsConfig` is asked for. */
export const NatsPermissionsInput = z.object({
  /** The services' `ROLLCALL_SUBJECT_PREFIX`. @default `rollcall` */
  prefix: SubjectPrefix.default(DEFAULT_SUBJECT_PREFIX),
  /** The NATS account every Rollcall user lives in (runners, launchers and services must share one). */
  account: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"' })
    .default('ROLLCALL'),
  namespaces: z
    .array(NamespaceAccess)
    .min(1, { error: 'name at least one namespace' })
    .refine((list) => unique(list.map((entry) => entry.namespace)), { error: 'lists a namespace twice' }),
});
export type NatsPermissionsInput = z.infer<typeof NatsPermissionsInput>;
