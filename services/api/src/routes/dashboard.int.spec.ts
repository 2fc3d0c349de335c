import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from './dashboard';

// The static side of the dashboard against a folder of its own: not built, then built while running.
describe('GET / (the web dashboard)', () => {
  let dist: string;
  const app = Fastify();

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'rollcall-dashboard-'));
    await app.register(dashboardRoutes, { dist });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('says how to build the dashboard while it is not built', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('The Rollcall dashboard is not built');
    expect(response.body).toContain('./dev up');
  });

  it('serves the page and its assets once built, without a restart', async () => {
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><script src="./assets/app.js"></script>');
    await writeFile(join(dist, 'assets', 'app.js'), 'void 0;');

    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('./assets/app.js');

    const script = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toBe('void 0;');

    expect((await app.inject({ method: 'GET', url: '/assets/../index.html' })).statusCode).not.toBe(200);
  });
});
