import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Blobs an import wrote but has not indexed yet, noted before the blobs are published: a crash
 * between publishing and indexing leaves the claim behind, so the next import removes the orphan
 * blobs. A claim is a `<uuid>.claims` file listing the blobs of a group; an empty file named by one
 * blob is a claim as earlier versions wrote them, still swept. Not fsynced: a claim lost to a
 * power cut only leaves an unused blob taking disk space, never an index entry without its file.
 * Names are keyed hashes: no patient data.
 */

/** Claims a group's blobs in one file; returns the claim's name, for `removeClaim`. */
export async function writeGroupClaim(dir: string, hashes: readonly string[]): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `${randomUUID()}.claims`;
  await writeFile(join(dir, name), hashes.join('\n'), { mode: 0o600, flag: 'wx' });
  return name;
}

/** Removes a claim: a blob's name or a group claim's. */
export async function removeClaim(dir: string, name: string): Promise<void> {
  await unlink(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

export interface Claim {
  /** The claim file's name, for `removeClaim`. */
  name: string;
  hashes: string[];
}

const HASH = /^[0-9a-f]{64}$/;
const GROUP = /^[0-9a-f-]{36}\.claims$/;

/** Claims older than `minAgeMs` (younger ones may belong to an import still running elsewhere). */
export async function staleClaims(dir: string, minAgeMs: number, now = Date.now()): Promise<Claim[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale: Claim[] = [];
  for (const name of names) {
    if (!HASH.test(name) && !GROUP.test(name)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (!info || now - info.mtimeMs < minAgeMs) continue;
    const hashes = HASH.test(name) ? [name] : ((await readFile(join(dir, name), 'utf8').catch(() => '')).split('\n').filter((hash) => HASH.test(hash)));
    stale.push({ name, hashes });
  }
  return stale;
}
