import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { DASHBOARD_DIST } from '@rollcall/dashboard';
import type { FastifyPluginAsync } from 'fastify';

export interface DashboardRoutesOptions {
  /** The built dashboard (`vite build` output). @default the dashboard package's dist folder */
  dist?: string | undefined;
}

/** Answered at `/` while the dashboard has not been built: says how to build it rather than a bare 404. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rollcall: dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The Rollcall dashboard is not built</h1>
<p>The API is running, but this checkout has no built dashboard. Build it with <code>./dev up</code>
(it builds the dashboard before starting) or <code>pnpm --filter @rollcall/dashboard build</code>,
then reload this page. The HTTP API answers under <code>/v1/</code> meanwhile.</p>
</body></html>
`;

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * `GET /`: the web dashboard, a single page whose bundle is served from `/assets/`. The page is read on
 * each request (it is small), so a dashboard built after the api started is served without a restart;
 * the hashed assets are cached for good.
 */
export const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions> = async (app, options) => {
  const dist = options.dist ?? DASHBOARD_DIST;
  await app.register(fastifyStatic, {
    root: join(dist, 'assets'),
    prefix: '/assets/',
    // A missing folder is the not-built case that `/` explains; no warning at every start.
    suppressWarning: true,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });

  app.get('/', async (_request, reply) => {
    try {
      const page = await readFile(join(dist, 'index.html'), 'utf8');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    } catch (error) {
      if (!isMissingFile(error)) throw error;
      return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    }
  });
};
