import { randomBytes } from 'node:crypto';
import type { ConnectionCheck } from '../../preload/contract/sync.ts';
import { classify, withRetry } from './retry.ts';
import { S3Target, type TargetConfig, type TargetCredentials } from './s3-target.ts';

const QUICK = { attempts: 2, baseMs: 200, capMs: 1_000 };

/** Plain words for a failed check; never the service's raw text, which may echo the request. */
function explain(error: unknown): string {
  const kind = classify(error);
  if (kind !== 'transient') return kind.message;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The endpoint name could not be found. Check the endpoint address and this PC’s network and DNS settings.';
  if (code === 'ECONNREFUSED') return 'Nothing answered at the endpoint address. Check the address and port, and that the storage service is running.';
  return 'The storage service did not answer properly (network trouble, a timeout, or a server error). Try again; if it persists, check the endpoint and the network.';
}

/**
 * Checks what the worker needs of a target: write, read (the same bytes
 * back), list, delete, on a test object under the target's prefix.
 */
export async function testConnection(config: TargetConfig, credentials: TargetCredentials): Promise<ConnectionCheck[]> {
  const target = new S3Target(config, credentials, { requestTimeoutMs: 15_000 });
  const name = `connection-test/${randomBytes(8).toString('hex')}`;
  const body = randomBytes(64);
  const checks: ConnectionCheck[] = [];
  const run = async (check: ConnectionCheck['check'], step: () => Promise<string | null>): Promise<boolean> => {
    try {
      const problem = await withRetry(step, QUICK);
      checks.push({ check, ok: problem === null, message: problem });
      return problem === null;
    } catch (error) {
      checks.push({ check, ok: false, message: explain(error) });
      return false;
    }
  };
  try {
    if (!(await run('write', async () => (await target.put(name, body), null)))) return checks;
    await run('read', async () => ((await target.get(name))?.equals(body) ? null : 'The object read back differs from what was written. The service or a proxy alters stored data.'));
    await run('list', async () => ((await target.list('connection-test/')).includes(name) ? null : 'The test object does not show in the listing. The key needs list permission on the bucket and prefix.'));
    await run('delete', async () => (await target.delete(name), null));
    return checks;
  } finally {
    target.destroy();
  }
}
