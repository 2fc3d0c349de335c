import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { createBenchDatabase } from './bench-database';
import type { BenchModule } from './bench-module';
import { eventlogBench } from './eventlog/eventlog-bench';
import { formatTable } from './format-table';
import { registryBench } from './registry/registry-bench';
import { parseRunConfig } from './run-config';

// Every benchmark this runner knows; each writes bench/results/<name>.json.
const benches: readonly BenchModule[] = [eventlogBench, registryBench];

const config = parseRunConfig(
  process.argv.slice(2),
  process.env,
  benches.flatMap((bench) => bench.flags),
);
const unknown = config.only.filter((name) => !benches.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = benches.filter((bench) => config.only.length === 0 || config.only.includes(bench.name));
const resultsDir = new URL('./results/', import.meta.url);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
// Other work on the machine skews every figure; the load average before and after says whether a run was quiet.
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

let failed = false;
for (const bench of selected) {
  const database = await createBenchDatabase(config.databaseUrl);
  // Ctrl-C mid-run still drops the database, so nothing is left behind.
  const onSignal = () => {
    void database.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  try {
    log(
      `${bench.name}: database ${database.name}${config.quick ? ' (quick)' : ''}, ${config.runs} runs, load ${load()}`,
    );
    const outcome = await bench.run({
      connectionString: database.connectionString,
      quick: config.quick,
      runs: config.runs,
      flags: Object.fromEntries(Object.entries(config.flags).filter(([flag]) => bench.flags.includes(flag))),
      log,
    });
    await mkdir(resultsDir, { recursive: true });
    const file = new URL(`${bench.name}${config.quick ? '.quick' : ''}.json`, resultsDir);
    await writeFile(file, `${JSON.stringify(outcome.rows, null, 2)}\n`);
    console.log(
      `\n${bench.name} (${((performance.now() - started) / 1000).toFixed(0)} s, ${file.pathname})\n`,
    );
    console.log(formatTable(outcome.table));
    for (const note of outcome.notes) console.log(`  ${note}`);
    console.log(`  load average (1, 5, 15 min) at the end: ${load()}`);
    console.log('');
  } catch (error) {
    failed = true;
    console.error(`${bench.name} failed:`, error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.drop();
  }
}
process.exitCode = failed ? 1 : 0;
