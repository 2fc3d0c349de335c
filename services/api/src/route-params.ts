import { Namespace, PoolName, RunnerId } from '@rollcall/contracts';
import { z } from 'zod';

/** Path parameters of the namespaced routes: `:ns`, `:pool`, `:runnerId`, checked like the wire contract. */
export const NamespaceParams = z.object({ ns: Namespace });
export const PoolParams = NamespaceParams.extend({ pool: PoolName });
export const RunnerParams = NamespaceParams.extend({ runnerId: RunnerId });
