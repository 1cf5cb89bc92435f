import { describe, expect, it } from 'vitest';
import { E2E_KDF } from './harness/clinic.ts';
import { startWorkstation } from './harness/workstation.ts';

describe('the e2e harness', () => {
  it('fails the test file when a page throws uncaught or logs a console error, though every check passed', async () => {
    const ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await ws.page.evaluate(() => {
      console.error('render failed');
      setTimeout(() => {
        throw new TypeError('x is undefined');
      });
    });
    await ws.page.waitForTimeout(50);
    await expect(ws.close()).rejects.toThrow(/console\.error: render failed[\s\S]*uncaught TypeError: x is undefined/);
  });
});
