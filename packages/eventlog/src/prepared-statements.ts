import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Statements whose text starts with this comment run as named prepared statements on connections made by
 * `createEventLogDb`: parsed once per connection, and planned once when the generic plan is as good.
 * Kysely hands pg only a text and values, so the name is added by this pool adapter.
 */
export const PREPARED = '/* rollcall:prepared */';

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    // Derived from the text, so two texts never share a name on a connection.
    name = `rollcall_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

class NamingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    textOrCursor: string | PostgresCursor<R>,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof textOrCursor !== 'string') {
      throw new TypeError('the event log pool has no cursor support configured');
    }
    const values = [...parameters];
    const result = textOrCursor.startsWith(PREPARED)
      ? this.#client.query({ name: statementName(textOrCursor), text: textOrCursor, values })
      : this.#client.query(textOrCursor, values);
    // pg types `command` as any string; kysely only compares it with the commands it names.
    return result as Promise<PostgresQueryResult<R>>;
  }

  release(destroy?: boolean): void {
    this.#client.release(destroy);
  }
}

/** Presents a pg.Pool to kysely, naming the statements marked with PREPARED. */
export function namingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, NamingClient>();
  return {
    options: pool.options,
    connect: async () => {
      const client = await pool.connect();
      let named = clients.get(client);
      if (named === undefined) {
        named = new NamingClient(client);
        clients.set(client, named);
      }
      return named;
    },
    end: () => pool.end(),
  };
}
