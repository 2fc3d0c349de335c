import type { MsgHdrs } from '@nats-io/nats-core';

/** JetStream drops a second message with the same id inside the stream's duplicate window. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

export function msgIdOf(headers: MsgHdrs | undefined): string | undefined {
  const value = headers?.get(MSG_ID_HEADER);
  return value === undefined || value === '' ? undefined : value;
}
