// `./dev` runs this before `up` and `test`: the api serves the dashboard from the folder it builds.
import { buildDashboardIfStale } from './build-if-stale';

const outcome = await buildDashboardIfStale();
if (outcome === 'built')
  process.stderr.write('rollcall: built the web dashboard (packages/dashboard/dist)\n');
