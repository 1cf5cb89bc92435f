import type { StoreClient } from '../store/client.ts';
import type { Tuning } from '../store/connection.node.ts';
import { isStoreError } from '../store/errors.ts';
import type { StoreInfo } from '../store/interface.ts';
import type { Keyring } from './keyring.ts';

/**
 * Replaces the database key: (1) the keyring records the next key under the
 * current one, (2) the store re-encrypts every page in one transaction, (3)
 * the keyring seals the next key for everyone. The old sealed keys stay until
 * (3), and `openUnlockedStore` finishes a rotation a crash interrupted. Returns
 * the key now in force.
 */
export async function rotateDbKey(store: StoreClient, keyring: Keyring, dbKey: Uint8Array): Promise<Buffer> {
  const next = await keyring.beginRotation(dbKey);
  try {
    await store.rekey(next);
  } catch (error) {
    // The rekey rolled back, unless the worker died mid-way: then the next open decides.
    if (!isStoreError(error, 'WORKER_EXITED')) await keyring.abandonRotation(dbKey);
    throw error;
  }
  await keyring.completeRotation(dbKey, next);
  return next;
}

/**
 * Opens the store with the key from a sign-in. If a rotation was interrupted,
 * the database is under either the current or the next key: whichever opens
 * it wins, and the keyring is brought in line. Returns the key in force.
 */
export async function openUnlockedStore(
  store: StoreClient,
  keyring: Keyring,
  dbKey: Uint8Array,
  options: { path: string; create?: boolean; tuning?: Tuning },
): Promise<{ key: Buffer; info: StoreInfo }> {
  const pending = await keyring.pendingRotation(dbKey);
  let info: StoreInfo;
  try {
    info = await store.open({ ...options, key: dbKey });
  } catch (error) {
    if (!pending || !isStoreError(error, 'WRONG_KEY')) throw error;
    info = await store.open({ ...options, key: pending });
    await keyring.completeRotation(dbKey, pending);
    return { key: pending, info };
  }
  if (pending) await keyring.abandonRotation(dbKey);
  return { key: Buffer.from(dbKey), info };
}
