import { DrainView, PoolView, WorkerMapRow } from '@rollcall/contracts';
import { z } from 'zod';

/** `GET /v1/namespaces/:ns/workers` (with `at`: the position the map was folded to, a decimal string). */
export const WorkersReply = z.object({
  workers: z.array(WorkerMapRow),
  at: z.string().regex(/^\d+$/).optional(),
});
export type WorkersReply = z.infer<typeof WorkersReply>;

/** `GET /v1/namespaces/:ns/pools`. */
export const PoolsReply = z.object({ pools: z.array(PoolView) });
export type PoolsReply = z.infer<typeof PoolsReply>;

/** `GET /v1/namespaces/:ns/drains`. */
export const DrainsReply = z.object({ drains: z.array(DrainView) });
export type DrainsReply = z.infer<typeof DrainsReply>;
