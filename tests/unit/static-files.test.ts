import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/platform/content-security.ts';
import { createStaticHandler } from '../../main/platform/static-files.ts';

describe('renderer file handler', () => {
  let root: string;
  let outside: string;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'cw-static-'));
    root = join(outside, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(outside, 'secret.txt'), 'keyring');
    handler = createStaticHandler(root);
  });
  afterAll(() => rm(outside, { recursive: true, force: true }));

  it('serves files with their type and the strict CSP', async () => {
    const response = await handler(new Request('app://workstation/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root', async () => {
    const response = await handler(new Request('app://workstation/'));
    expect(await response.text()).toContain('<title>x</title>');
  });

  it('never serves a file outside its folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await handler(new Request(`app://workstation${path}`));
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('keyring');
    }
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await handler(new Request('app://workstation/nope.js'))).status).toBe(404);
    expect((await handler(new Request('app://workstation/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('allows no remote origin and no eval in the policy', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|'unsafe-eval'|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
});

describe('renderer page policy', () => {
  it('repeats the served CSP in the page, less what only a header can say', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerOnly = (policy: string) => policy.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta?.split('; ')).toEqual(headerOnly(CONTENT_SECURITY_POLICY));
  });
});
