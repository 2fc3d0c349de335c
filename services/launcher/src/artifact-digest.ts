import { createHash } from 'node:crypto';

/**
 * The digest of a local launcher artifact: `sha256:` and the hex SHA-256 of the artifact reference string
 * (UTF-8). The example runner is code in this checkout, not a downloaded file, so the reference is what is
 * pinned; a publisher computes it with `printf %s "$artifact" | sha256sum`.
 */
export function artifactDigest(artifact: string): string {
  return `sha256:${createHash('sha256').update(artifact, 'utf8').digest('hex')}`;
}
