import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeIssues, type LauncherStartRequest } from '@rollcall/contracts';
import { artifactDigest } from './artifact-digest';
import { ArtifactManifest } from './artifact-manifest';
import type { FetchArtifact } from './fetch-artifact';
import { LauncherError } from './launcher-error';

export type ResolveArtifactRequest = Pick<
  LauncherStartRequest,
  'pool' | 'version' | 'artifact' | 'digest' | 'forceRefresh'
>;

export interface ArtifactCacheOptions {
  /** Holds `<pool>/<version>.json`, one manifest per pool version. */
  dir: string;
  fetch: FetchArtifact;
  clock: () => Date;
}

/**
 * The launcher's artifact cache, keyed by (pool, version). A version is fetched on first use and its
 * manifest written; later starts use the manifest as it is, so a damaged or stale entry fails them with
 * `artifact_invalid` until a start with `forceRefresh` fetches the artifact again and rewrites the entry.
 */
export class ArtifactCache {
  readonly #dir: string;
  readonly #fetch: FetchArtifact;
  readonly #clock: () => Date;

  constructor({ dir, fetch, clock }: ArtifactCacheOptions) {
    this.#dir = dir;
    this.#fetch = fetch;
    this.#clock = clock;
  }

  /** Where the entry of a pool version lives; tests damage it on purpose. */
  entryPath(pool: string, version: number): string {
    return join(this.#dir, pool, `${version}.json`);
  }

  /** The manifest to start `request` from; throws a {@link LauncherError} saying why there is none. */
  async resolve(request: ResolveArtifactRequest): Promise<ArtifactManifest> {
    const path = this.entryPath(request.pool, request.version);
    if (!request.forceRefresh) {
      const text = await readEntry(path);
      if (text !== undefined) return checkCached(text, request, path);
    }
    const entry = await this.#fetch(request.artifact);
    const digest = artifactDigest(request.artifact);
    if (request.digest !== undefined && request.digest !== digest) {
      throw new LauncherError(
        'artifact_invalid',
        `artifact "${request.artifact}" has digest ${digest}, not the expected ${request.digest}`,
      );
    }
    const manifest: ArtifactManifest = {
      pool: request.pool,
      version: request.version,
      artifact: request.artifact,
      digest,
      entry,
      fetchedAt: this.#clock().toISOString(),
    };
    await writeAtomically(path, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  }

  /** The readable entries; damaged ones are left out (a start reports them). */
  async list(): Promise<ArtifactManifest[]> {
    const manifests: ArtifactManifest[] = [];
    for (const pool of await readdirOrEmpty(this.#dir)) {
      for (const file of await readdirOrEmpty(join(this.#dir, pool))) {
        if (!file.endsWith('.json')) continue;
        const text = await readEntry(join(this.#dir, pool, file));
        const parsed = text === undefined ? undefined : parseManifest(text);
        if (parsed?.success) manifests.push(parsed.data);
      }
    }
    return manifests.sort((a, b) => a.pool.localeCompare(b.pool) || a.version - b.version);
  }
}

async function checkCached(
  text: string,
  request: ResolveArtifactRequest,
  path: string,
): Promise<ArtifactManifest> {
  const invalid = (why: string) =>
    new LauncherError(
      'artifact_invalid',
      `cached artifact of ${request.pool} version ${request.version} (${path}) ${why}; start with forceRefresh to fetch it again`,
    );
  const parsed = parseManifest(text);
  if (parsed === undefined) throw invalid('is not JSON');
  if (!parsed.success) throw invalid(`is not a manifest: ${describeIssues(parsed.error.issues)}`);
  const manifest = parsed.data;
  if (manifest.digest !== artifactDigest(manifest.artifact)) {
    throw invalid(`records digest ${manifest.digest}, which does not match its artifact`);
  }
  if (manifest.artifact !== request.artifact) {
    throw invalid(`is stale: it holds "${manifest.artifact}", not "${request.artifact}"`);
  }
  if (request.digest !== undefined && request.digest !== manifest.digest) {
    throw invalid(`has digest ${manifest.digest}, not the expected ${request.digest}`);
  }
  try {
    await access(manifest.entry);
  } catch (error) {
    throw new LauncherError(
      'artifact_invalid',
      `cached artifact of ${request.pool} version ${request.version} points at ${manifest.entry}, which is gone; start with forceRefresh to fetch it again`,
      { cause: error },
    );
  }
  return manifest;
}

function parseManifest(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return ArtifactManifest.safeParse(json);
}

async function readEntry(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

// A crash mid-write must not leave half a manifest that the next start would call corrupt.
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
