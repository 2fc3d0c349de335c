import type { AccessRole } from '@rollcall/contracts';

const RANK: Readonly<Record<AccessRole, number>> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` includes `needed`: viewer < operator < admin. */
export function roleAtLeast(role: AccessRole, needed: AccessRole): boolean {
  return RANK[role] >= RANK[needed];
}
