import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, RequestOf, ResponseOf } from '../../../preload/contract/index.ts';
import { createServices, type Services } from '../../../main/app/services.ts';
import type { FileDialogs } from '../../../main/platform/dialogs.ts';
import { silentLogger } from '../../../main/platform/logger.ts';
import { confSettingsBackend } from '../../../main/settings/conf-backend.ts';

/** The weakest scrypt the keyring accepts, so tests do not spend seconds per sign-in. */
export const TEST_KDF = { N: 2 ** 14, r: 8, p: 1 };

export const ADMIN = { clinicName: '示例诊所 Example Clinic', username: 'admin', displayName: 'Admin Li', password: 'correct horse battery' };

export interface TestClinic {
  services: Services;
  dataDir: string;
  clock: { now: () => number; advance(ms: number): void };
  /** Calls a channel as `connectionId` and returns the raw result. */
  call<C extends ChannelName>(connectionId: string, channel: C, request: RequestOf<C>): ReturnType<Services['router']['invoke']>;
  /** Calls a channel and returns its value, failing the test on an error. */
  ok<C extends ChannelName>(connectionId: string, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  reopen(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function testClinic(options: { setUp?: boolean; dialogs?: FileDialogs } = {}): Promise<TestClinic & { recoveryKey: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-clinic-'));
  let time = Date.now();
  const clock = { now: () => time, advance: (ms: number) => void (time += ms), idleSweepMs: 50 };
  const start = () =>
    createServices({ dataDir, settingsBackend: confSettingsBackend, logger: silentLogger(), keyringOptions: { kdf: TEST_KDF }, clock, dialogs: options.dialogs });
  const clinic = {
    services: await start(),
    dataDir,
    clock,
    recoveryKey: '',
    call: (connectionId: string, channel: ChannelName, request: unknown) => clinic.services.router.invoke({ connectionId }, channel, request),
    async ok(connectionId: string, channel: ChannelName, request: unknown) {
      const result = await clinic.services.router.invoke({ connectionId }, channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async reopen() {
      await clinic.services.close();
      clinic.services = await start();
    },
    async cleanup() {
      await clinic.services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (options.setUp !== false) {
    const { clinicName, username, displayName, password } = ADMIN;
    clinic.recoveryKey = ((await clinic.ok('setup', 'setup.initialize', { clinicName, username, displayName, password })) as { recoveryKey: string }).recoveryKey;
  }
  return clinic as unknown as TestClinic & { recoveryKey: string };
}
