import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  DeliverPolicy,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { EnsureOutcome } from './ensure-outcome';
import { CONSUMER_ALREADY_EXISTS, CONSUMER_NOT_FOUND, hasApiCode } from './jetstream-api-code';

export type EnsureDurableConsumerOptions = {
  stream: string;
  /** The consumer's name; replicas consuming under the same name share the messages. */
  durable: string;
  /** Only messages on these subjects (wildcards allowed) are delivered. Empty: all of the stream. */
  filterSubjects: string[];
  /** Time a delivered message may stay unacknowledged before it is redelivered. @default 30_000 */
  ackWaitMs?: number;
  /** Deliveries of one message before the server gives up on it; -1 never. @default -1 */
  maxDeliver?: number;
  /** Unacknowledged messages in flight across all replicas. @default the server's (1000) */
  maxAckPending?: number;
  description?: string;
};

/**
 * Makes a durable pull consumer with explicit acks exist with this configuration: creates it, updates
 * what differs, or leaves it alone. Safe to call from every replica at every start, concurrently.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  options: EnsureDurableConsumerOptions,
): Promise<EnsureOutcome> {
  const updatable = updatableConfig(options);
  const current = await consumerInfo(jsm, options.stream, options.durable);
  if (current === undefined) {
    try {
      await jsm.consumers.add(options.stream, {
        ...updatable,
        durable_name: options.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
      return 'created';
    } catch (error) {
      if (!hasApiCode(error, CONSUMER_ALREADY_EXISTS)) throw error;
      return ensureDurableConsumer(jsm, options);
    }
  }
  if (sameConfig(current.config, updatable)) return 'unchanged';
  await jsm.consumers.update(options.stream, options.durable, updatable);
  return 'updated';
}

// One subject goes in `filter_subject` so servers older than 2.10 (no `filter_subjects`) accept it;
// `undefined` clears the other field when the shape changes on update.
function updatableConfig(options: EnsureDurableConsumerOptions) {
  const [only, ...more] = options.filterSubjects;
  const filter =
    more.length > 0
      ? { filter_subjects: options.filterSubjects, filter_subject: undefined }
      : { filter_subject: only, filter_subjects: undefined };
  return {
    ...filter,
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
    max_deliver: options.maxDeliver ?? -1,
    ...(options.maxAckPending === undefined ? {} : { max_ack_pending: options.maxAckPending }),
    description: options.description ?? '',
  } satisfies Partial<ConsumerConfig>;
}

function filtersOf(config: Partial<ConsumerConfig>): string[] {
  if (config.filter_subjects !== undefined && config.filter_subjects.length > 0)
    return config.filter_subjects;
  return config.filter_subject === undefined || config.filter_subject === '' ? [] : [config.filter_subject];
}

function sameConfig(current: ConsumerConfig, desired: ReturnType<typeof updatableConfig>): boolean {
  const currentFilters = filtersOf(current);
  const desiredFilters = filtersOf(desired);
  return (
    currentFilters.length === desiredFilters.length &&
    currentFilters.every((subject) => desiredFilters.includes(subject)) &&
    current.ack_wait === desired.ack_wait &&
    current.max_deliver === desired.max_deliver &&
    (desired.max_ack_pending === undefined || current.max_ack_pending === desired.max_ack_pending) &&
    (current.description ?? '') === desired.description
  );
}

async function consumerInfo(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (hasApiCode(error, CONSUMER_NOT_FOUND)) return undefined;
    throw error;
  }
}
