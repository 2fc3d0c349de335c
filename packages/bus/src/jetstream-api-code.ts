import { JetStreamApiError } from '@nats-io/jetstream';

// Codes the ensure functions branch on; nats.js names only some of them (JetStreamApiCodes).
export const STREAM_NOT_FOUND = 10059;
export const STREAM_NAME_IN_USE = 10058;
export const CONSUMER_NOT_FOUND = 10014;
export const CONSUMER_ALREADY_EXISTS = 10148;

export function hasApiCode(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
