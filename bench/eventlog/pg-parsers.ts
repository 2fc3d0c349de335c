import { JSONSerializer } from '@event-driven-io/dumbo';
import pg from 'pg';

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;
type TextParser = (value: string) => unknown;

// pg's own parsers, captured when this module loads, before any Emmett store exists.
const stock: ReadonlyMap<number, TextParser> = new Map(
  [INT8, JSON_OID, JSONB].map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]),
);

function typesWith(parsers: ReadonlyMap<number, TextParser>): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      format === 'binary'
        ? pg.types.getTypeParser(oid, 'binary')
        : (parsers.get(oid) ?? pg.types.getTypeParser(oid, 'text'))) as typeof pg.types.getTypeParser,
  };
}

/** pg's stock parsers, pinned to a pool: int8 as text, json(b) through plain JSON.parse. */
export const stockTypes = typesWith(stock);

/** What Emmett's driver (dumbo's setNodePostgresTypeParser) installs: int8 as BigInt, JSON with its reviver. */
export const emmettTypes = typesWith(
  new Map<number, TextParser>([
    [INT8, (value) => BigInt(value)],
    [JSON_OID, (value) => JSONSerializer.deserialize(value)],
    [JSONB, (value) => JSONSerializer.deserialize(value)],
  ]),
);

/**
 * dumbo replaces pg's GLOBAL parsers when an Emmett store is created; in this one process that would slow every
 * other store's JSON decoding (a reviver on each value). Emmett keeps its parsers on its own pool
 * ({@link emmettTypes}) and the globals go back to pg's stock ones.
 */
export function restoreStockParsers(): void {
  for (const [oid, parser] of stock) pg.types.setTypeParser(oid, 'text', parser);
}
