import { useTestNats } from '@rollcall/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorReply } from './error-reply';
import { InvalidReplyError } from './invalid-reply-error';
import { MessageValidationError } from './message-validation-error';
import { request } from './request';
import { RequestFailedError } from './request-failed-error';
import { RequestRejectedError } from './request-rejected-error';
import { serveRequests } from './serve-requests';

const nats = useTestNats();
const logger = pino({ level: 'silent' });

const StartRequest = z.object({ pool: z.string().min(1), version: z.number().int().min(1) });
const StartReply = z.object({ ok: z.literal(true), runnerId: z.string() });

describe('request and serveRequests', () => {
  const subject = `${nats.prefix}.launcher.s1.start`;
  const stop = new AbortController();
  let serving: Promise<void> | undefined;

  beforeAll(async () => {
    serving = serveRequests(nats.nc, {
      subject,
      schema: StartRequest,
      queue: 'launchers',
      replySchema: StartReply,
      signal: stop.signal,
      logger,
      handle: async ({ pool, version }) => {
        if (pool === 'explodes') throw new Error('disk full at /var/lib/secret');
        if (pool === 'wrong-reply')
          return { ok: true, runnerId: 42 } as unknown as z.input<typeof StartReply>;
        return { ok: true as const, runnerId: `${pool}-v${version}` };
      },
    });
    await nats.nc.flush();
  });
  afterAll(async () => {
    stop.abort();
    await serving;
  });

  it('round-trips a typed request and reply', async () => {
    const reply = await request(nats.nc, {
      subject,
      requestSchema: StartRequest,
      replySchema: StartReply,
      payload: { pool: 'web', version: 3 },
    });
    expect(reply).toEqual({ ok: true, runnerId: 'web-v3' });
  });

  it('answers a request that fails the schema with a bad_request error naming the field', async () => {
    const answer = await nats.nc.request(subject, JSON.stringify({ pool: 'web', version: 0 }), {
      timeout: 5000,
    });
    const reply = ErrorReply.parse(answer.json());
    expect(reply.error).toMatchObject({ class: 'bad_request', issues: [{ path: 'version' }] });
    expect(reply.error.message).toContain('version:');
  });

  it('answers a request that is not JSON with a bad_request error', async () => {
    const answer = await nats.nc.request(subject, 'pool=web', { timeout: 5000 });
    expect(ErrorReply.parse(answer.json()).error).toMatchObject({ class: 'bad_request', issues: [] });
  });

  it('rejects with the error reply when the reply schema does not cover it', async () => {
    const attempt = request(nats.nc, {
      subject,
      requestSchema: StartRequest,
      replySchema: StartReply,
      payload: { pool: 'explodes', version: 1 },
    });
    await expect(attempt).rejects.toBeInstanceOf(RequestRejectedError);
    await expect(attempt).rejects.toThrow(/internal_error/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  it('returns the error reply as a value when the reply schema includes it', async () => {
    const reply = await request(nats.nc, {
      subject,
      requestSchema: StartRequest,
      replySchema: z.union([StartReply, ErrorReply]),
      payload: { pool: 'explodes', version: 1 },
    });
    expect(reply).toMatchObject({ ok: false, error: { class: 'internal_error' } });
  });

  it('answers internal_error instead of a reply that fails its own schema', async () => {
    const attempt = request(nats.nc, {
      subject,
      requestSchema: StartRequest,
      replySchema: z.object({ ok: z.boolean() }).passthrough(),
      payload: { pool: 'wrong-reply', version: 1 },
    });
    await expect(attempt).resolves.toMatchObject({ ok: false, error: { class: 'internal_error' } });
  });

  it('refuses to send an invalid request', async () => {
    const attempt = request(nats.nc, {
      subject,
      requestSchema: StartRequest,
      replySchema: StartReply,
      payload: { pool: '', version: 1 },
    });
    await expect(attempt).rejects.toBeInstanceOf(MessageValidationError);
  });

  it('rejects a reply that is neither the expected reply nor an error reply', async () => {
    const attempt = request(nats.nc, {
      subject,
      requestSchema: StartRequest,
      replySchema: z.object({ ok: z.literal(true), runnerId: z.string(), slots: z.number() }),
      payload: { pool: 'web', version: 1 },
    });
    await expect(attempt).rejects.toBeInstanceOf(InvalidReplyError);
    await expect(attempt).rejects.toThrow(/slots/);
  });

  it('fails with no_responders when nobody serves the subject', async () => {
    const attempt = request(nats.nc, {
      subject: `${nats.prefix}.launcher.nobody.start`,
      requestSchema: StartRequest,
      replySchema: StartReply,
      payload: { pool: 'web', version: 1 },
    });
    await expect(attempt).rejects.toMatchObject({ name: 'RequestFailedError', reason: 'no_responders' });
    await expect(attempt).rejects.toBeInstanceOf(RequestFailedError);
  });
});
