import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeObjectName } from '../../main/sync/batch.ts';
import { S3Target } from '../../main/sync/s3-target.ts';
import { S3RVER_CREDENTIALS, startS3rver, type LocalS3 } from '../integration/support/s3rver.ts';
import { E2E_KDF, setUpClinic, signInOnPage } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'admin e2e password' };

describe('sync settings and enrolment in Chromium', () => {
  let ws: Workstation;
  let s3: LocalS3 | undefined;
  beforeAll(async () => {
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN, 'Sync Clinic');
    // A target (never contacted here) makes this the clinic's first workstation, with a sync key to enrol others with.
    await ws.services.sync.saveTarget({
      name: 'Clinic bucket',
      config: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'clinic-sync', prefix: 'e2e/', forcePathStyle: true },
      credentials: { accessKeyId: 'KEY', secretAccessKey: 'SECRET' },
    });
    await ws.services.sync.pause();
    await signInOnPage(ws.page, ADMIN);
    await ws.page.getByTestId('nav-sync').click();
    await ws.page.getByTestId('sync-settings').waitFor();
  });
  afterAll(async () => {
    await ws?.close();
    await s3?.close();
  });

  const saved = async () => (await ws.services.vault.store.methods.sync.overview()).settings;
  const audited = async (action: 'sync.settings' | 'sync.enrolment.create' | 'sync.target.remove') => {
    const result = await ws.services.router.invoke({ connectionId: 'test-console' }, 'audit.query', { action, limit: 10, offset: 0 });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { entries: { username: string | null; outcome: string; detail: string | null }[] }).entries;
  };

  async function typeTime(testId: string, time: string): Promise<void> {
    // As a person types it: the picker takes a valid time as typed, and leaving the field closes its panel.
    const input = ws.page.getByTestId(testId);
    await input.fill(time);
    await input.press('Tab');
  }

  it('sets the interval, a bandwidth limit and a window past midnight', async () => {
    const { page } = ws;
    const before = await page.getByTestId('sync-schedule').textContent();
    await page.getByTestId('sync-settings').click();
    await page.getByTestId('sync-settings-interval').fill('15');
    await page.getByTestId('sync-settings-limit').click();
    await page.getByTestId('sync-settings-bandwidth').fill('256');
    await page.getByTestId('sync-settings-window').click();
    await typeTime('sync-settings-from', '22:00');
    await typeTime('sync-settings-to', '06:00');
    await page.getByTestId('sync-settings-submit').click();
    await page.getByTestId('sync-settings-submit').waitFor({ state: 'hidden' });
    expect(await saved()).toEqual({ intervalMinutes: 15, bandwidthKiBps: 256, window: { fromMinute: 22 * 60, toMinute: 6 * 60 }, eagerImages: false });
    await expect.poll(() => page.getByTestId('sync-schedule').textContent()).not.toBe(before);
    expect(await page.getByTestId('sync-schedule').textContent()).toContain('22:00–06:00');
    const [entry] = await audited('sync.settings');
    expect(entry).toMatchObject({ username: 'admin', outcome: 'success', detail: 'interval 15 min, limit 256, window 1320-360' });
  });

  it('refuses a window that starts and ends at the same time, and saves nothing', async () => {
    const { page } = ws;
    await page.getByTestId('sync-settings').click();
    await typeTime('sync-settings-to', '22:00');
    await page.getByTestId('sync-settings-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    expect((await saved()).window).toEqual({ fromMinute: 22 * 60, toMinute: 6 * 60 });
    // Turning the limit and the window off saves no limit and no window.
    await page.getByTestId('sync-settings-window').click();
    await page.getByTestId('sync-settings-limit').click();
    await page.getByTestId('sync-settings-submit').click();
    await page.getByTestId('sync-settings-submit').waitFor({ state: 'hidden' });
    expect(await saved()).toMatchObject({ intervalMinutes: 15, bandwidthKiBps: null, window: null });
  });

  it('makes an enrolment file sealed to the recovery key, without a passphrase', async () => {
    const { page } = ws;
    await page.getByTestId('sync-enrol').click();
    await page.getByTestId('sync-enrol-method-recovery').click();
    await page.getByTestId('sync-enrol-passphrase').waitFor({ state: 'detached' });
    await page.getByTestId('sync-enrol-submit').click();
    await page.getByTestId('sync-enrol-done').waitFor();
    const [entry] = await audited('sync.enrolment.create');
    expect(entry).toMatchObject({ outcome: 'success', detail: 'sealed to the recovery key' });
    await page.keyboard.press('Escape');
    await page.getByTestId('sync-enrol-done').waitFor({ state: 'hidden' });
  });

  it('removes a target once confirmed, with its credentials', async () => {
    const { page } = ws;
    const [target] = (await ws.services.vault.store.methods.sync.overview()).targets;
    await page.getByTestId(`sync-target-${target!.id}`).getByTestId('sync-target-edit').click();
    await page.getByTestId('sync-target-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await page.getByTestId(`sync-target-${target!.id}`).waitFor({ state: 'detached' });
    expect((await ws.services.vault.store.methods.sync.overview()).targets).toEqual([]);
    expect(await ws.services.vault.store.methods.sync.credentials(target!.id)).toBeNull();
    const [entry] = await audited('sync.target.remove');
    expect(entry).toMatchObject({ username: 'admin', outcome: 'success' });
  });

  it('words a stopped target, its error and a failed connection check in Chinese, with the HTTP status', async () => {
    const { page } = ws;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    s3 = await startS3rver();
    const config = { endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'e2e/', forcePathStyle: true };
    const { id } = await ws.services.sync.saveTarget({ name: 'Wrong key', config, credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'SECRET' } });
    // The round's first request is a HEAD: its 403 has no body to name the key, so the target stops as refused access.
    expect(await ws.services.sync.syncOnce()).toEqual([expect.objectContaining({ targetId: id, error: expect.objectContaining({ code: 'AccessDenied', detail: { httpStatus: 403 }, permanent: true }) })]);

    const card = page.getByTestId(`sync-target-${id}`);
    const stopped = card.getByTestId('sync-target-stopped');
    await stopped.waitFor();
    const stoppedText = await stopped.innerText();
    expect(stoppedText).toContain('存储服务拒绝访问。该密钥需要对存储桶及前缀具有读取、写入、列出和删除权限。详情：HTTP 403');
    expect(stoppedText).not.toMatch(/refused|permission/i);
    await expect.poll(() => page.getByTestId('sync-errors').innerText()).toContain('存储服务拒绝访问');

    // Nothing listens on port 9: the check names the refused connection.
    await card.getByTestId('sync-target-edit').click();
    await page.getByTestId('sync-target-endpoint').fill('http://127.0.0.1:9');
    await page.getByTestId('sync-target-test').click();
    const check = page.getByTestId('sync-target-check-write');
    await check.waitFor();
    expect(await check.innerText()).toContain('服务地址无响应（连接被拒绝）');
  });

  it('says in Chinese which workstation’s changes are stuck at an object missing from the bucket', async () => {
    const { page } = ws;
    for (const target of (await ws.services.vault.store.methods.sync.overview()).targets) await ws.services.sync.removeTarget(target.id);
    s3 ??= await startS3rver();
    const config = { endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'gap/', forcePathStyle: true };
    const { id } = await ws.services.sync.saveTarget({ name: 'Clinic bucket', config, credentials: S3RVER_CREDENTIALS });
    // Another desk's folder whose objects 1 to 6 are gone (expired, say) while its object 7 is there.
    const other = '0194f0c2-7a3b-7c4d-8e5f-a1b2c3d4e5f6';
    const bucket = new S3Target(config, S3RVER_CREDENTIALS);
    await bucket.put(changeObjectName(other, 7), Buffer.from('sealed'));
    bucket.destroy();
    expect(await ws.services.sync.syncOnce()).toEqual([expect.objectContaining({ targetId: id, error: null, blocked: [{ workstation: other, object: 1, reason: 'missing' }] })]);

    await page.getByTestId(`sync-blocked-${other}`).waitFor();
    expect(await page.getByTestId(`sync-blocked-${other}`).innerText()).toBe('同步受阻');
    // An administrator can still revoke it.
    await page.getByTestId(`sync-revoke-${other}`).waitFor();
    expect(await page.getByTestId('sync-blocked-alert').innerText()).toContain('工作站 a1b2c3d4e5f6 的更改停在其第 1 号更改对象：该对象已不在存储桶中');
  });
});
