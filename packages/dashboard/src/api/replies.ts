import {
  DrainView,
  Namespace,
  OperatorDrainReply,
  PoolView,
  PositionString,
  UndrainReply,
  WorkerMapRow,
} from '@rollcall/contracts';
import { z } from 'zod';

// The envelopes the api's routes answer; the rows inside are the contracts' read models.

export const NamespacesReply = z.object({ namespaces: z.array(Namespace) });
export const LogHeadReply = z.object({ position: PositionString });
export const PoolsReply = z.object({ pools: z.array(PoolView) });
export const WorkersReply = z.object({ workers: z.array(WorkerMapRow), at: PositionString.optional() });
export const DrainsReply = z.object({ drains: z.array(DrainView) });
export { OperatorDrainReply, UndrainReply };
