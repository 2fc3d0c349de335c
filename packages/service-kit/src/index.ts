export { BaseServiceEnv, envPort } from './base-service-env';
export type { CheckReachableOptions } from './check-reachable';
export { checkReachable } from './check-reachable';
export type { ConfigProblem } from './config-error';
export { ConfigError } from './config-error';
export type {
  ConnectServiceDependenciesOptions,
  DrainableConnection,
  ServiceDependencies,
} from './connect-service-dependencies';
export { connectServiceDependencies } from './connect-service-dependencies';
export type { CreateLoggerOptions, Logger } from './create-logger';
export { createLogger } from './create-logger';
export type { CreateMetricsOptions } from './create-metrics';
export { createMetrics } from './create-metrics';
export type { CreateServiceHttpOptions, ServiceHttp } from './create-service-http';
export { createServiceHttp } from './create-service-http';
export { DependencyUnavailableError } from './dependency-unavailable-error';
export { describeError } from './describe-error';
export { ErrorReply } from './error-reply';
export type { ListenHttpOptions } from './listen-http';
export { listenHttp } from './listen-http';
export { loadConfig } from './load-config';
export { PortInUseError } from './port-in-use-error';
export type { PostgresReadinessOptions } from './postgres-readiness';
export { postgresReadiness } from './postgres-readiness';
export type { ReadinessCheck, ReadinessResult } from './readiness-check';
export { runReadinessChecks } from './readiness-check';
export { redactUrl } from './redact-url';
export type { RunServiceOptions, ServiceContext, ShutdownStep } from './run-service';
export { runService } from './run-service';
export type { ServeServiceHttpOptions } from './serve-service-http';
export { serveServiceHttp } from './serve-service-http';
export { ShutdownFailedError } from './shutdown-failed-error';
export type { CorrelationIds } from './with-correlation';
export { withCorrelation } from './with-correlation';
