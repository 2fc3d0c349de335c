import type { WorkerMapRow } from '@rollcall/contracts';
import { useMemo, useState } from 'preact/hooks';
import { apiClient } from '../api/api-client';
import { ApiError, toApiError } from '../api/api-error';
import { OperatorDrainReply, PoolsReply, UndrainReply } from '../api/replies';
import { loadToken, storeToken } from '../api/token-store';
import { useLiveLog } from '../hooks/use-live-log';
import { useNamespace } from '../hooks/use-namespace';
import { useResource } from '../hooks/use-resource';
import { DrainsPanel } from './drains-panel';
import { ErrorNotice } from './error-notice';
import { EventTail } from './event-tail';
import { NamespacePicker } from './namespace-picker';
import { PoolsPanel } from './pools-panel';
import { RolloutsPanel } from './rollouts-panel';
import { TimeTravel } from './time-travel';
import { TokenForm } from './token-form';
import { NO_WORKER_FILTER, type WorkerFilter } from './worker-filters';
import { WorkersPanel } from './workers-panel';

/** The outcome of the last write, shown under the header until the next one. */
type WriteNotice =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly error: ApiError; readonly what: string };

/**
 * The page: a namespace, the API token, the time-travel position and the last write's outcome are its
 * state; every panel reads the API itself and reloads when the live log's revision moves.
 */
export function App() {
  const [token, setToken] = useState(loadToken);
  const [namespace, setNamespace] = useNamespace();
  const [at, setAt] = useState<bigint | null>(null);
  const [filter, setFilter] = useState<WorkerFilter>(NO_WORKER_FILTER);
  const [notice, setNotice] = useState<WriteNotice | null>(null);
  const [tokenWanted, setTokenWanted] = useState(false);
  const api = useMemo(() => apiClient(token), [token]);
  const live = useLiveLog(api);
  const ns = encodeURIComponent(namespace);
  const pools = useResource(
    async (signal) =>
      namespace === '' ? [] : (await api.read(`/v1/namespaces/${ns}/pools`, PoolsReply, signal)).pools,
    [api, namespace],
    live.revision,
  );

  const changeToken = (next: string | null) => {
    storeToken(next);
    setToken(next);
    setTokenWanted(false);
    setNotice(null);
  };

  /** A write needs a token: without one, ask for it rather than send a request bound to fail. */
  const write = async (what: string, send: () => Promise<string>) => {
    if (api.token === null) {
      setTokenWanted(true);
      setNotice({
        ok: false,
        what,
        error: new ApiError(null, 'token_needed', 'writes need a token: paste one at the top'),
      });
      return;
    }
    try {
      setNotice({ ok: true, message: await send() });
    } catch (error) {
      const failure = toApiError(error);
      if (failure.needsToken) setTokenWanted(true);
      setNotice({ ok: false, what, error: failure });
    }
  };
  const drain = (runner: WorkerMapRow) =>
    write(`Draining ${runner.runnerId}`, async () => {
      await api.write('POST', `/v1/namespaces/${ns}/drains`, OperatorDrainReply, {
        runnerId: runner.runnerId,
      });
      return `Drain of ${runner.runnerId} requested.`;
    });
  const undrain = (runner: WorkerMapRow) =>
    write(`Undraining ${runner.runnerId}`, async () => {
      await api.write(
        'DELETE',
        `/v1/namespaces/${ns}/drains/${encodeURIComponent(runner.runnerId)}`,
        UndrainReply,
      );
      return `${runner.runnerId} takes sessions again.`;
    });

  const readsNeedToken =
    token === null && ((live.status.state === 'broken' && live.status.error.needsToken) || tokenWanted);

  return (
    <main>
      <header class="top">
        <h1>Rollcall</h1>
        <NamespacePicker api={api} namespace={namespace} revision={live.revision} onChange={setNamespace} />
        <TokenForm token={token} wanted={readsNeedToken} onChange={changeToken} />
      </header>
      {notice === null ? null : notice.ok ? (
        <div class="notice ok" role="status">
          {notice.message}
        </div>
      ) : (
        <ErrorNotice error={notice.error} what={notice.what} />
      )}
      <TimeTravel head={live.head} at={at} onChange={setAt} />
      {namespace === '' ? (
        <p class="empty" id="no-namespace">
          Pick a namespace above: the list holds every namespace with a pool or a runner. None yet? Connect a
          runner (see docs/protocol.md) and it appears.
        </p>
      ) : (
        <div class="grid">
          <PoolsPanel namespace={namespace} pools={pools} />
          <WorkersPanel
            api={api}
            namespace={namespace}
            revision={live.revision}
            at={at}
            filter={filter}
            pools={pools.state === 'ready' ? pools.data.map((pool) => pool.pool) : []}
            onFilter={setFilter}
            onDrain={drain}
            onUndrain={undrain}
          />
          <DrainsPanel api={api} namespace={namespace} revision={live.revision} />
          <RolloutsPanel api={api} namespace={namespace} revision={live.revision} onWrite={write} />
          <EventTail live={live} namespace={namespace} />
        </div>
      )}
    </main>
  );
}
