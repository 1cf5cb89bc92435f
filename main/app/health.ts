import { randomBytes } from 'node:crypto';
import { statfs, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Health, HealthCheck } from '../../preload/contract/app.ts';

export type HealthProbe = () => Promise<HealthCheck>;

/** A clinic PC with less free space than this cannot take a day of imaging. */
const LOW_DISK_BYTES = 2 * 1024 ** 3;

export function dataDirWritableProbe(root: string): HealthProbe {
  return async () => {
    const probe = join(root, `.health-${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(probe, 'ok', { mode: 0o600 });
      await unlink(probe);
      return { name: 'dataDir', status: 'ok', detail: 'writable' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      return { name: 'dataDir', status: 'failed', detail: `not writable (${code})` };
    }
  };
}

export function diskSpaceProbe(root: string): HealthProbe {
  return async () => {
    const stats = await statfs(root);
    const free = stats.bavail * stats.bsize;
    const detail = `${(free / 1024 ** 3).toFixed(1)} GiB free`;
    return { name: 'disk', status: free < LOW_DISK_BYTES ? 'degraded' : 'ok', detail };
  };
}

export async function runHealthChecks(probes: readonly HealthProbe[]): Promise<Health> {
  const checks = await Promise.all(
    probes.map((probe) => probe().catch((): HealthCheck => ({ name: 'probe', status: 'failed', detail: 'check could not run' }))),
  );
  const status = checks.some((c) => c.status === 'failed') ? 'failed' : checks.some((c) => c.status === 'degraded') ? 'degraded' : 'ok';
  return { status, checks };
}
