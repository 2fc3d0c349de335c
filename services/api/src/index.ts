export type { AppDeps, LiveEventOptions } from './app';
export { buildApp } from './app';
export { ApiEnv } from './config';
