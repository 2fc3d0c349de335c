import { type Kysely, sql } from 'kysely';
import { PREPARED } from './prepared-statements';
import type { EventLogDatabase } from './tables';

/**
 * Whether every transaction that could have written to this database's log with an id below `next` has
 * finished (committed or rolled back). `next` is an epoch-extended transaction id, as the readers record it.
 *
 * A true answer holds for every statement that starts after this call returns: those transactions finished
 * before its check (`backend_xid` is the backend's own xid, cleared at commit in the same step that takes it
 * out of new snapshots, after the commit is recorded), so a later snapshot sees whatever they committed. It
 * says nothing about a snapshot taken before the call (a writer may have committed in between), so decide
 * with it only on rows read by a later statement.
 *
 * Two sufficient conditions, either one is enough:
 * - this statement's snapshot xmin has reached `next` (cluster-wide: any long transaction in any database of
 *   the server holds it back);
 * - no backend connected to this database runs a transaction below `next`, and no transaction prepared in
 *   this database is below it. Only backends of this database can write its tables, and pg_stat_activity's
 *   `backend_xid` is shown to every role, for other roles' sessions too (pgstatfuncs.c, "values available to
 *   all callers"), so this sees every writer whatever the reader's privileges. Only outside a transaction
 *   block, where pg_stat_activity's per-transaction cache is fresh, and on the primary (a standby's
 *   pg_stat_activity does not list the primary's writers).
 *
 * `age(xid) > now - next` says `xid < next` without mixing 32-bit and epoch-extended ids: age() counts back
 * from the same next id (`now`, read once per transaction) for every xid it is given.
 */
export async function transactionsFinishedBelow(
  db: Kysely<EventLogDatabase>,
  next: bigint,
): Promise<boolean> {
  // pg_prepared_xacts is read after pg_stat_activity: PREPARE TRANSACTION lists the prepared transaction
  // before it clears the backend's xid, so a writer seen in neither had finished. The subquery's reference
  // to `running.below` makes that order a data dependency (it runs once per row of the aggregate).
  const {
    rows: [row],
  } = await sql<{ finished: boolean }>`${sql.raw(PREPARED)}
    WITH now AS (
      SELECT pg_snapshot_xmin(s)::text::int8 AS xmin,
        pg_snapshot_xmin(s)::text::int8 + age(pg_snapshot_xmin(s)::xid) AS next_xid
      FROM pg_current_snapshot() AS s
    ),
    running AS (
      SELECT count(*) AS below FROM pg_stat_activity AS a, now
      WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
        AND age(a.backend_xid) > now.next_xid - ${next.toString()}::int8
    )
    SELECT now.xmin >= ${next.toString()}::int8 OR (
      ${!db.isTransaction}::bool AND NOT pg_is_in_recovery() AND running.below = 0 AND NOT EXISTS (
        SELECT FROM pg_prepared_xacts AS p
        WHERE p.database = current_database() AND running.below = 0
          AND age(p.transaction) > now.next_xid - ${next.toString()}::int8
      )
    ) AS finished
    FROM now, running`.execute(db);
  return row?.finished === true;
}
