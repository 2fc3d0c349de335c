import {
  DrainDeadlineRequiredError,
  InvalidRunnerStatusError,
  PoolMismatchError,
  RunnerNotFoundError,
  VersionNotFoundError,
} from '@rollcall/domain';
import { CommandRetriesExhaustedError, ConcurrencyError } from '@rollcall/eventlog';
import { createMetrics, createServiceHttp, ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../testing/test-app';
import { poolCommandErrorHandler } from './pool-command-error-handler';

const failures: Record<string, () => Error> = {
  'runner-not-found': () => new RunnerNotFoundError('web-1'),
  'version-not-found': () => new VersionNotFoundError(7),
  'invalid-status': () => new InvalidRunnerStatusError('web-1', 'stopped', 'undrain'),
  'deadline-required': () => new DrainDeadlineRequiredError(),
  'retries-exhausted': () =>
    new CommandRetriesExhaustedError('pool-acme+web', 4, {
      cause: new ConcurrencyError('pool-acme+web', 3n, 4n),
    }),
  mismatch: () =>
    new PoolMismatchError({ namespace: 'acme', pool: 'web' }, { namespace: 'acme', pool: 'api' }),
  crash: () => new Error('disk on fire'),
};

const failingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.setErrorHandler(poolCommandErrorHandler);
  app.post(
    '/fail/:kind',
    {
      schema: {
        params: z.object({ kind: z.enum(Object.keys(failures)) }),
        body: z.object({ n: z.int() }),
        response: { 400: ErrorReply, 404: ErrorReply, 409: ErrorReply, 500: ErrorReply },
      },
    },
    async (request) => {
      throw failures[request.params.kind]?.();
    },
  );
};

async function answer(kind: string, body: Record<string, unknown> = { n: 1 }) {
  const app = createServiceHttp({
    logger: silentLogger(),
    metrics: createMetrics({ service: 'api' }),
    readiness: [],
  });
  app.register(failingRoutes);
  const response = await app.inject({ method: 'POST', url: `/fail/${kind}`, payload: body });
  await app.close();
  return { status: response.statusCode, body: response.json() };
}

describe('poolCommandErrorHandler', () => {
  it.each([
    ['runner-not-found', 404, 'runner_not_found', 'runner web-1 is not known in this pool'],
    ['version-not-found', 404, 'version_not_found', 'version 7 is not published in this pool'],
    ['invalid-status', 409, 'invalid_runner_status', 'cannot undrain runner web-1: it is stopped'],
    ['deadline-required', 400, 'deadline_required', expect.stringContaining('deadlineSeconds')],
    ['retries-exhausted', 409, 'concurrent_update', expect.stringContaining('pool-acme+web')],
  ])('answers a refused command (%s) with %i %s and its message', async (kind, status, error, message) => {
    expect(await answer(kind)).toEqual({ status, body: { error, message } });
  });

  it('hands bad input on to the service handler: 400 with the issue path', async () => {
    const { status, body } = await answer('crash', { n: 'one' });
    expect(status).toBe(400);
    expect(body.issues[0].path).toBe('body/n');
  });

  it('hands failures and wiring bugs on as a 500 that hides the details', async () => {
    for (const kind of ['crash', 'mismatch']) {
      expect(await answer(kind)).toEqual({
        status: 500,
        body: { error: 'internal_error', message: 'internal error; see the service log' },
      });
    }
  });
});
