export { BusConnectError } from './bus-connect-error';
export type { ConnectBusOptions } from './connect-bus';
export { connectBus } from './connect-bus';
export type {
  ConsumeHandler,
  ConsumeOptions,
  ConsumeTarget,
  JsMessageMeta,
  Redelivery,
  Restarts,
} from './consume';
export { consume } from './consume';
export type { EnsureDurableConsumerOptions } from './ensure-durable-consumer';
export { ensureDurableConsumer } from './ensure-durable-consumer';
export type { EnsureOutcome } from './ensure-outcome';
export type { EnsureStreamOptions } from './ensure-stream';
export { ensureStream } from './ensure-stream';
export { ErrorReply } from './error-reply';
export type { InvalidMessage } from './invalid-message';
export { InvalidReplyError } from './invalid-reply-error';
export type { JsPublishOptions } from './js-publish';
export { jsPublish } from './js-publish';
export { logConsumerStatus } from './log-consumer-status';
export { MessageValidationError } from './message-validation-error';
export { MSG_ID_HEADER, msgIdOf } from './msg-id';
export { natsReadiness } from './nats-readiness';
export type { Cancellable, InvalidMessageHandler, Logged, Validated } from './options';
export type { PublishOptions } from './publish';
export { publish } from './publish';
export type { RequestOptions } from './request';
export { request } from './request';
export { RequestFailedError } from './request-failed-error';
export { RequestRejectedError } from './request-rejected-error';
export type { ServeRequestsOptions } from './serve-requests';
export { serveRequests } from './serve-requests';
export { StreamConfigConflictError } from './stream-config-conflict-error';
export type { MessageMeta, SubscribeOptions } from './subscribe';
export { subscribe } from './subscribe';
