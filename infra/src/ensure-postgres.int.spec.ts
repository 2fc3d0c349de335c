import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensurePostgres, findPostgres } from './ensure-postgres';
import { freePort } from './free-port';
import { InfraError } from './infra-error';
import { probePostgres } from './probe-postgres';

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function newStateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rc-infra-pg-'));
  // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user, which must reach the data folder.
  await chmod(dir, 0o755);
  return dir;
}

describe('the embedded Postgres', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await newStateDir();
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('initialises once, is reused while running, and keeps its data across restarts', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const options = { env: { ROLLCALL_EMBEDDED: '1' }, stateDir, port, log: (l: string) => lines.push(l) };

    const first = await ensurePostgres(options);
    expect(first).toMatchObject({
      source: 'embedded',
      url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    });
    expect(lines.some((l) => l.startsWith('initialising'))).toBe(true);
    expect(await query(first.url, 'select current_user as who')).toEqual([{ who: 'postgres' }]);
    await query(first.url, 'create table kept (n int); insert into kept values (42)');
    if (process.getuid?.() === 0) {
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      expect((await stat(join(stateDir, 'pgdata'))).uid).toBe(postgresUid);
    }

    const second = await ensurePostgres(options);
    expect(second.url).toBe(first.url);
    expect(lines.at(-1)).toBe(`reusing the embedded Postgres already running on port ${port}`);
    await second.stop();
    expect((await probePostgres(first.url)).ok).toBe(true);

    await first.stop();
    expect((await probePostgres(first.url)).ok).toBe(false);

    lines.length = 0;
    const third = await startEmbeddedPostgres({ stateDir, log: (l) => lines.push(l) });
    try {
      expect(third.url).toBe(first.url);
      expect(lines.some((l) => l.startsWith('initialising'))).toBe(false);
      expect(await query(third.url, 'select n from kept')).toEqual([{ n: 42 }]);
      expect(JSON.parse(await readFile(join(stateDir, 'pgdata.port.json'), 'utf8'))).toEqual({ port });
    } finally {
      await third.stop();
    }
  });

  it('takes another port, and records it, when its own is taken', async () => {
    const otherState = await newStateDir();
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const server = await startEmbeddedPostgres({ stateDir: otherState, port });
      try {
        const actual = Number(new URL(server.url).port);
        expect(actual).not.toBe(port);
        expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
        expect(JSON.parse(await readFile(join(otherState, 'pgdata.port.json'), 'utf8'))).toEqual({
          port: actual,
        });
      } finally {
        await server.stop();
      }
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
      await rm(otherState, { recursive: true, force: true });
    }
  });
});

describe('findPostgres', () => {
  it('uses DATABASE_URL when it answers', async () => {
    const url = inject('databaseUrl');
    expect(await findPostgres({ env: { DATABASE_URL: url } })).toMatchObject({ url, source: 'env' });
  });

  it('fails naming DATABASE_URL and the fix when it does not answer', async () => {
    const port = await freePort();
    const found = findPostgres({
      env: { DATABASE_URL: `postgres://u:secret@127.0.0.1:${port}/db` },
      connectTimeoutMs: 500,
    });
    await expect(found).rejects.toThrow(InfraError);
    await expect(found).rejects.toThrow(
      new RegExp(
        `^DATABASE_URL \\(postgres://u:\\*\\*\\*@127\\.0\\.0\\.1:${port}/db\\) does not answer: .*unset DATABASE_URL`,
      ),
    );
  });

  it('looks for nothing when ROLLCALL_EMBEDDED=1 asks for the embedded server', async () => {
    expect(
      await findPostgres({ env: { ROLLCALL_EMBEDDED: '1', DATABASE_URL: inject('databaseUrl') } }),
    ).toBeUndefined();
  });
});
