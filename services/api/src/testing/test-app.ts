import { Writable } from 'node:stream';
import { createLogger, createMetrics, type Logger, type ServiceHttp } from '@rollcall/service-kit';
import { type AppDeps, buildApp } from '../app';

/** A logger that writes nowhere. */
export function silentLogger(): Logger {
  return createLogger({
    service: 'api',
    destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
}

/**
 * The api app as main.ts builds it, with a silent logger and a metrics registry of its own. Reads need no
 * token (anonymous reads on) unless the test says otherwise; access itself is proven in access-matrix.
 */
export function buildTestApp(deps: Omit<AppDeps, 'logger' | 'metrics'>): ServiceHttp {
  return buildApp({
    logger: silentLogger(),
    metrics: createMetrics({ service: 'api' }),
    anonymousReads: true,
    ...deps,
  });
}
