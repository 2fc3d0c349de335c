import pg from 'pg';

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

const parseText = (value: string) => value;

/**
 * Per-pool type parsers with pg's stock behaviour (int8 as text, json(b) through JSON.parse). Emmett's driver
 * (dumbo) replaces pg's GLOBAL parsers with a BigInt one and a JSON.parse with a reviver; pinning them per pool
 * keeps the raw reference independent of whether Emmett ran first in this process.
 */
export const stockTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
    if (oid === INT8) return parseText;
    if (oid === JSON_OID || oid === JSONB) return JSON.parse;
    return pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};
