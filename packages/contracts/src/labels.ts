import { z } from 'zod';

const MAX_LABELS = 64;

const LabelKey = z.string().regex(/^[A-Za-z0-9._/-]{1,128}$/, {
  error: 'label keys are 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", "/" or "-"',
});

const LabelValue = z.string().max(256);

/**
 * Free string map a runner is tagged with (e.g. `{"workspace":"acme"}`). Bounded because labels are copied
 * into every worker-map row and `RunnerConnected` event.
 */
export const Labels = z
  .record(LabelKey, LabelValue)
  .refine((labels) => Object.keys(labels).length <= MAX_LABELS, { error: `at most ${MAX_LABELS} labels` })
  // Refinements do not reach JSON Schema; say the same bound there so other languages see it.
  .meta({ maxProperties: MAX_LABELS })
  .describe(`String map of runner labels, at most ${MAX_LABELS} entries.`);
export type Labels = z.infer<typeof Labels>;
