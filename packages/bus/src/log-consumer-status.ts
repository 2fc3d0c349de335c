import type { ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from 'pino';

/**
 * Logs what a running `consume()` reports about itself (missed heartbeats, its consumer or stream gone, pull
 * requests refused) until it closes; the iterator keeps retrying meanwhile, so these are warnings to read,
 * not failures to act on.
 */
export async function logConsumerStatus(messages: ConsumerMessages, log: Logger): Promise<void> {
  for await (const notification of messages.status()) {
    switch (notification.type) {
      case 'heartbeats_missed':
        log.warn({ count: notification.count }, 'JetStream heartbeats missed');
        break;
      case 'consumer_not_found':
      case 'stream_not_found':
      case 'consumer_deleted':
        log.error({ notification }, 'JetStream consumer unavailable; waiting for it to come back');
        break;
      case 'exceeded_limits':
      case 'no_responders':
        log.warn({ notification }, 'JetStream pull request refused');
        break;
      default:
        break;
    }
  }
}
