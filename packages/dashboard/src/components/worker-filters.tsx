import { WorkerStatus } from '@rollcall/contracts';

export interface WorkerFilter {
  readonly pool: string;
  readonly serverId: string;
  readonly status: WorkerStatus | '';
}

export const NO_WORKER_FILTER: WorkerFilter = { pool: '', serverId: '', status: '' };

export interface WorkerFiltersProps {
  filter: WorkerFilter;
  /** Pools and servers to offer (any other name may be typed). */
  pools: readonly string[];
  servers: readonly string[];
  onChange: (filter: WorkerFilter) => void;
}

/** Narrows the worker map by pool, server and status (the API filters; empty means any). */
export function WorkerFilters({ filter, pools, servers, onChange }: WorkerFiltersProps) {
  return (
    <div class="filters">
      <label class="field">
        Pool
        <select
          id="filter-pool"
          value={filter.pool}
          onChange={(event) => onChange({ ...filter, pool: event.currentTarget.value })}
        >
          <option value="">any</option>
          {pools.map((pool) => (
            <option key={pool} value={pool}>
              {pool}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        Server
        <input
          id="filter-server"
          list="servers"
          value={filter.serverId}
          placeholder="any"
          onChange={(event) => onChange({ ...filter, serverId: event.currentTarget.value.trim() })}
        />
        <datalist id="servers">
          {servers.map((server) => (
            <option key={server} value={server} />
          ))}
        </datalist>
      </label>
      <label class="field">
        Status
        <select
          id="filter-status"
          value={filter.status}
          onChange={(event) => {
            const status = WorkerStatus.safeParse(event.currentTarget.value);
            onChange({ ...filter, status: status.success ? status.data : '' });
          }}
        >
          <option value="">any</option>
          {WorkerStatus.options.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
