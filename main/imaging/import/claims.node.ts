import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Blobs an import wrote but has not indexed yet: an empty file per blob name, written before the
 * blob is published. A crash between publishing and indexing leaves the claim behind, so the next
 * import removes the orphan blob. Not fsynced: a claim lost to a power cut only leaves an unused
 * blob taking disk space, never an index entry without its file. Names are keyed hashes: no patient data.
 */
export async function writeClaim(dir: string, hash: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = await open(join(dir, hash), 'w', 0o600);
  await file.close();
}

export async function removeClaim(dir: string, hash: string): Promise<void> {
  await rm(join(dir, hash), { force: true });
}

/** Claims older than `minAgeMs` (younger ones may belong to an import still running elsewhere). */
export async function staleClaims(dir: string, minAgeMs: number, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const name of names) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (info && now - info.mtimeMs >= minAgeMs) stale.push(name);
  }
  return stale;
}
