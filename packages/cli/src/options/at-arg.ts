import { IsoTimestamp } from '@rollcall/contracts';
import { z } from 'zod';
import { PositionArg } from './position-arg';

/** `--at`: a past log position, or an ISO time that the log turns into the last position recorded by then. */
export const AtArg = z.string().transform((value, ctx) => {
  const position = PositionArg.safeParse(value);
  if (position.success) return { kind: 'position', position: position.data } as const;
  if (IsoTimestamp.safeParse(value).success) return { kind: 'time', time: value } as const;
  ctx.issues.push({
    code: 'custom',
    input: value,
    message:
      'must be a log position (a non-negative integer) or an ISO-8601 time with a zone, e.g. 2026-01-31T12:00:00Z',
  });
  return z.NEVER;
});
export type AtArg = z.output<typeof AtArg>;
