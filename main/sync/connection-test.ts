import { randomBytes } from 'node:crypto';
import type { ConnectionCheck, SyncProblemCode, SyncProblemDetail } from '../../preload/contract/sync.ts';
import { classify, serviceDetail, withRetry } from './retry.ts';
import { S3Target, type TargetConfig, type TargetCredentials } from './s3-target.ts';

const QUICK = { attempts: 2, baseMs: 200, capMs: 1_000 };

type Problem = { code: SyncProblemCode; detail: SyncProblemDetail };

/** A failed check's code and detail; never the service's raw text, which may echo the request. */
export function explain(error: unknown): Problem {
  const kind = classify(error);
  if (kind !== 'transient') return { code: kind.code, detail: kind.detail };
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code: 'EndpointNotFound', detail: {} };
  if (code === 'ECONNREFUSED') return { code: 'ConnectionRefused', detail: {} };
  // Network trouble, a timeout or a server error: a 5xx status tells IT which.
  return { code: 'NoProperAnswer', detail: serviceDetail(error) };
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
  const run = async (check: ConnectionCheck['check'], step: () => Promise<SyncProblemCode | null>): Promise<boolean> => {
    try {
      const code = await withRetry(step, QUICK);
      checks.push({ check, ok: code === null, code, detail: {} });
      return code === null;
    } catch (error) {
      checks.push({ check, ok: false, ...explain(error) });
      return false;
    }
  };
  try {
    if (!(await run('write', async () => (await target.put(name, body), null)))) return checks;
    // A service or proxy that alters stored data.
    await run('read', async () => ((await target.get(name))?.equals(body) ? null : 'ReadBackDiffers'));
    // Usually a key without list permission on the bucket and prefix.
    await run('list', async () => ((await target.list('connection-test/')).includes(name) ? null : 'NotListed'));
    await run('delete', async () => (await target.delete(name), null));
    return checks;
  } finally {
    target.destroy();
  }
}
