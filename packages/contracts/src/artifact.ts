import { z } from 'zod';

/** Where a launcher fetches a version from (image reference, URL, path); opaque to Rollcall. */
export const Artifact = z
  .string()
  .min(1)
  .max(2048)
  .describe('Reference a launcher fetches the version from.');
export type Artifact = z.infer<typeof Artifact>;

/** Content digest in the OCI form `algorithm:encoded`, e.g. `sha256:9f86d0...`. */
export const Digest = z
  .string()
  .max(256)
  .regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]+$/, {
    error: 'must be a digest "algorithm:hex", e.g. sha256:9f86d08...',
  })
  .describe('Content digest "algorithm:encoded" the fetched artifact must match.');
export type Digest = z.infer<typeof Digest>;
