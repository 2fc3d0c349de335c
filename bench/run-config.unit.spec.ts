import { describe, expect, it } from 'vitest';
import { BenchUsageError, DEFAULT_DATABASE_URL, parseRunConfig } from './run-config';

const flags = ['read-events', 'page-size'];

describe('parseRunConfig', () => {
  it('defaults to a full run of every benchmark, five runs, the local Postgres', () => {
    expect(parseRunConfig([], {}, flags)).toEqual({
      quick: false,
      runs: 5,
      only: [],
      databaseUrl: DEFAULT_DATABASE_URL,
      flags: {},
    });
  });

  it('reads flags from the command line over BENCH_* variables', () => {
    const config = parseRunConfig(
      ['--quick', '--runs', '4', '--read-events', '1000'],
      { BENCH_RUNS: '9', BENCH_READ_EVENTS: '7', BENCH_PAGE_SIZE: '250', DATABASE_URL: 'postgres://db/x' },
      flags,
    );
    expect(config).toEqual({
      quick: true,
      runs: 4,
      only: [],
      databaseUrl: 'postgres://db/x',
      flags: { 'read-events': '1000', 'page-size': '250' },
    });
  });

  it('takes BENCH_QUICK=1 and a comma list for --only', () => {
    const config = parseRunConfig(['--only', 'eventlog, registry'], { BENCH_QUICK: '1' }, flags);
    expect(config.quick).toBe(true);
    expect(config.only).toEqual(['eventlog', 'registry']);
  });

  it('refuses an unknown flag, naming the ones it knows', () => {
    expect(() => parseRunConfig(['--reed-events', '5'], {}, flags)).toThrow(/--read-events/);
  });

  it('refuses a run count below one', () => {
    expect(() => parseRunConfig(['--runs', '0'], {}, flags)).toThrow(BenchUsageError);
  });
});
