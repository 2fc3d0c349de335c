import { z } from 'zod';

/** Who caused a change: an operator token's subject, a service name, or a runner id. Kept free-form for audit. */
export const Actor = z.string().min(1).max(256);
export type Actor = z.infer<typeof Actor>;
