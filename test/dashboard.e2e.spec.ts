import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headers } from '@nats-io/transport-node';
import { buildDashboardIfStale } from '@rollcall/dashboard';
import type { ServiceHttp } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumUnavailable, ensureChromium } from './dashboard-chromium';
import { buildTestApi } from './testing/build-test-api';
import { configurePool } from './testing/configure-pool';
import { ADMIN_TOKEN, useControlPlane } from './testing/use-control-plane';

// The web dashboard in a real browser (Debian's headless Chromium driven by playwright-core) against a
// running api and registry: a runner that connects over raw NATS appears, an operator drain appears, and
// the time-travel slider shows the fleet as it was before both; against an api without anonymous reads the
// page asks for a token and then reads, follows and writes with it.

const SCREENSHOT = fileURLToPath(new URL('../test-results/dashboard.png', import.meta.url));
const NAMESPACE = 'dash';
/** Long enough for a loaded 2-core machine; the page normally updates within a second of a commit. */
const SEEN_WITHIN_MS = 15_000;
/** A browser test waits for several such updates in a row. */
const BROWSER_TEST_TIMEOUT_MS = 90_000;

const database = useTestDatabase();
const nats = useTestNats();
const plane = useControlPlane(database, nats);
const unavailable = chromiumUnavailable();

/** A runner in any language: JSON on its namespace's subject, acknowledged by JetStream. */
async function connectRunner(runnerId: string, serverId: string, pool = 'web'): Promise<void> {
  const h = headers();
  h.set('Nats-Msg-Id', randomUUID());
  const payload = { runnerId, pool, version: 1, serverId, slots: 2 };
  const ack = await nats.nc.request(
    `${nats.prefix}.v1.${NAMESPACE}.runner.connected`,
    JSON.stringify(payload),
    {
      headers: h,
      timeout: 5000,
    },
  );
  expect(ack.json()).toHaveProperty('seq');
}

/** The log position of a runner's registration, read through the API as any client would. */
async function positionOfConnect(runnerId: string): Promise<string> {
  const response = await plane.app.inject({
    method: 'GET',
    url: '/v1/events?type=RunnerConnected&limit=1000',
  });
  const { events } = response.json<{ events: { position: string; data: { runnerId: string } }[] }>();
  const connect = events.find((event) => event.data.runnerId === runnerId);
  if (connect === undefined) throw new Error(`no RunnerConnected for ${runnerId} in the log`);
  return connect.position;
}

function workerRow(page: Page, runnerId: string) {
  return page.locator(`#workers tr[data-runner-id="${runnerId}"]`);
}

describe.skipIf(unavailable !== null)('the web dashboard in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await Promise.all([ensureChromium(), buildDashboardIfStale()]);
    url = await plane.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'shows an API error instead of a blank page',
    async () => {
      await page.goto(`${url}/?ns=${encodeURIComponent('not a namespace')}`);
      const error = page.locator('#pools .notice.error');
      await error.waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await error.textContent()).toContain('HTTP 400');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows a runner connect, an operator drain, and the earlier fleet on the time-travel slider',
    async () => {
      await page.goto(`${url}/?ns=${NAMESPACE}`);
      await page.locator('#workers .empty').waitFor({ timeout: SEEN_WITHIN_MS });
      await page.locator('#live-status.live').waitFor({ timeout: SEEN_WITHIN_MS });

      // A runner connects over raw NATS: the page shows it without a reload.
      await connectRunner('dash-1', 'server-a');
      await workerRow(page, 'dash-1').waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await workerRow(page, 'dash-1').getAttribute('data-status')).toBe('active');
      await page.locator('#pools tr[data-pool="web"]').waitFor({ timeout: SEEN_WITHIN_MS });
      await page.locator('#events li[data-type="RunnerConnected"]').waitFor({ timeout: SEEN_WITHIN_MS });

      // An operator drains it through the API: the drain and the draining runner appear.
      const drain = await plane.app.inject({
        method: 'POST',
        url: `/v1/namespaces/${NAMESPACE}/drains`,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: { runnerId: 'dash-1', deadlineSeconds: 600 },
      });
      expect(drain.statusCode).toBe(201);
      const drainRow = page.locator('#drains tr[data-runner-id="dash-1"]');
      await drainRow.waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await drainRow.textContent()).toContain('operator');
      await page.locator('#workers tr[data-runner-id="dash-1"][data-status="draining"]').waitFor({
        timeout: SEEN_WITHIN_MS,
      });

      // A second runner joins later. Draining it from the page needs a token, which this page has not got.
      await connectRunner('dash-2', 'server-b');
      await workerRow(page, 'dash-2').waitFor({ timeout: SEEN_WITHIN_MS });
      await workerRow(page, 'dash-2').getByRole('button', { name: 'Drain' }).click();
      const refused = page.locator('main > .notice.error');
      await refused.waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await refused.textContent()).toContain('writes need a token');
      await page.locator('form.token.wanted').waitFor({ timeout: SEEN_WITHIN_MS });

      // Back to just after dash-1 connected: one active runner, no drain, no dash-2.
      const before = await positionOfConnect('dash-1');
      await page.locator('#time-travel').fill(before);
      const banner = page.locator('#workers-at');
      await banner.waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await banner.textContent()).toContain(`log position ${before}`);
      await page.locator('#workers tr[data-runner-id="dash-1"][data-status="active"]').waitFor({
        timeout: SEEN_WITHIN_MS,
      });
      expect(await workerRow(page, 'dash-2').count()).toBe(0);

      await mkdir(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      // And back to live: both runners again.
      await page.getByRole('button', { name: 'Back to live' }).click();
      await workerRow(page, 'dash-2').waitFor({ timeout: SEEN_WITHIN_MS });
      expect(pageErrors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

describe.skipIf(unavailable !== null)('the web dashboard against an api without anonymous reads', () => {
  let browser: Browser;
  let api: ServiceHttp;
  let url: string;

  beforeAll(async () => {
    await Promise.all([ensureChromium(), buildDashboardIfStale()]);
    api = buildTestApi(database, nats, { adminToken: ADMIN_TOKEN, anonymousReads: false });
    url = await api.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it(
    'asks for a token, then reads, follows the log, drains a runner and pauses a rollout with it',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${url}/?ns=${NAMESPACE}`);
      const refused = page.locator('#pools .notice.error');
      await refused.waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await refused.textContent()).toContain('HTTP 401');
      await page.locator('form.token.wanted').waitFor({ timeout: SEEN_WITHIN_MS });

      await page.locator('#token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Use token' }).click();
      await page.locator('#live-status.live').waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await page.evaluate(() => localStorage.getItem('rollcall.token'))).toBe(ADMIN_TOKEN);

      // Live with the token: a runner of a configured pool (its drain timeout is the deadline) appears, and
      // the page's own Drain button drains it.
      await configurePool(database.db, NAMESPACE, 'api');
      await connectRunner('dash-3', 'server-c', 'api');
      await workerRow(page, 'dash-3').waitFor({ timeout: SEEN_WITHIN_MS });
      await workerRow(page, 'dash-3').getByRole('button', { name: 'Drain' }).click();
      await page.locator('#drains tr[data-runner-id="dash-3"]').waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await page.locator('main > .notice.ok').textContent()).toContain('Drain of dash-3 requested');
      expect(await page.locator('#pools .notice.error').count()).toBe(0);

      // A rollout of the pool to a newly published version: the panel shows it with its target.
      const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const published = await api.inject({
        method: 'POST',
        url: `/v1/namespaces/${NAMESPACE}/pools/api/versions`,
        headers: asAdmin,
        payload: { version: 2, build: 'b2', artifact: 'registry.example/api:2' },
      });
      expect(published.statusCode).toBe(201);
      await connectRunner('dash-4', 'server-d', 'api');
      await workerRow(page, 'dash-4').waitFor({ timeout: SEEN_WITHIN_MS });
      const started = await api.inject({
        method: 'POST',
        url: `/v1/namespaces/${NAMESPACE}/pools/api/rollouts`,
        headers: asAdmin,
        payload: { version: 2, strategy: { kind: 'all-at-once' } },
      });
      expect(started.statusCode).toBe(201);
      const rolloutId = started.json<{ rolloutId: string }>().rolloutId;
      const card = page.locator(`#rollouts article[data-rollout-id="${rolloutId}"]`);
      await card.waitFor({ timeout: SEEN_WITHIN_MS });
      await card.locator('tr[data-target-id]').first().waitFor({ timeout: SEEN_WITHIN_MS });
      expect(await card.textContent()).toContain('api → v2');

      // Steered from the page, with the token: paused, then offered to resume.
      await card.getByRole('button', { name: 'Pause' }).click();
      await page.locator(`#rollouts article[data-rollout-id="${rolloutId}"][data-status="paused"]`).waitFor({
        timeout: SEEN_WITHIN_MS,
      });
      await card.getByRole('button', { name: 'Resume' }).waitFor({ timeout: SEEN_WITHIN_MS });
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

if (unavailable !== null) {
  describe('the web dashboard in headless Chromium', () => {
    it.skip(`is skipped: ${unavailable}`, () => {});
  });
}
