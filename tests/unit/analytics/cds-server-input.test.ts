import { describe, expect, it } from 'vitest';
import { cdsServerInputSchema } from '../../../preload/contract/analytics.ts';

const server = (baseUrl: string) => cdsServerInputSchema.safeParse({ name: 'Hypertension advisor', baseUrl });

describe('a decision support server’s address', () => {
  it('is kept trimmed and without trailing slashes', () => {
    expect(server('  https://cds.example.org/cds-services//  ').data?.baseUrl).toBe('https://cds.example.org/cds-services');
    expect(server('http://127.0.0.1:8080/').data?.baseUrl).toBe('http://127.0.0.1:8080');
  });

  it('must be an http or https address', () => {
    for (const bad of ['ftp://cds.example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'cds.example.org', 'not a url', '']) {
      const parsed = server(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.path, bad).toEqual(['baseUrl']);
    }
  });
});
