import { describe, expect, it } from 'vitest';
import { randomKey } from '../../../main/keys/crypto.ts';
import { openEnrolment, sealEnrolment } from '../../../main/sync/enrolment.ts';

const KDF = { N: 2 ** 14, r: 8, p: 1 };

describe('enrolment files', () => {
  it('open with the passphrase only, and show no key or credential', async () => {
    const clinicKey = randomKey();
    const payload = {
      clinicName: 'Clinic',
      clinicKey,
      fileKey: null,
      targets: [{ id: 't', name: 'Bucket', config: { endpoint: null, region: 'us-east-1', bucket: 'b', prefix: 'p/', forcePathStyle: false }, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' } }],
    };
    const file = await sealEnrolment(payload, 'correct horse battery staple', KDF);
    for (const needle of ['AKIDEXAMPLE', 'SECRETEXAMPLE', clinicKey.toString('base64'), 'Bucket']) expect(file).not.toContain(needle);
    expect(await openEnrolment(file, 'wrong passphrase')).toBeNull();
    const opened = await openEnrolment(file, 'correct horse battery staple');
    expect(opened).toEqual({ ...payload, clinicKey: expect.any(Buffer) });
    expect(Buffer.from(opened!.clinicKey).equals(clinicKey)).toBe(true);
    const tampered = JSON.parse(file) as { box: { data: string } };
    tampered.box.data = Buffer.from('x'.repeat(40)).toString('base64');
    expect(await openEnrolment(JSON.stringify(tampered), 'correct horse battery staple')).toBeNull();
    await expect(openEnrolment('{"format":"other"}', 'x')).rejects.toThrow();
  });
});
