import { describe, expect, it } from 'vitest';
import { publicKeyOf, randomKey } from '../../../main/keys/crypto.ts';
import { recoverySecret } from '../../../main/keys/keyring.ts';
import { generateRecoveryKey } from '../../../main/keys/recovery-key.ts';
import { openEnrolment, sealEnrolment, sealEnrolmentToRecoveryKey, type EnrolmentPayload } from '../../../main/sync/enrolment.ts';

const KDF = { N: 2 ** 14, r: 8, p: 1 };

function payload(): EnrolmentPayload {
  return {
    clinicName: 'Clinic',
    clinicKey: randomKey(),
    fileKey: null,
    targets: [{ id: 't', name: 'Bucket', config: { endpoint: null, region: 'us-east-1', bucket: 'b', prefix: 'p/', forcePathStyle: false }, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' } }],
    station: 7,
  };
}

describe('enrolment files', () => {
  it('open with the passphrase only, and show no key or credential', async () => {
    const sealed = payload();
    const file = await sealEnrolment(sealed, 'correct horse battery staple', KDF);
    for (const needle of ['AKIDEXAMPLE', 'SECRETEXAMPLE', Buffer.from(sealed.clinicKey).toString('base64'), 'Bucket']) expect(file).not.toContain(needle);
    expect(await openEnrolment(file, { passphrase: 'wrong passphrase' })).toBeNull();
    expect(await openEnrolment(file, { recoveryKey: generateRecoveryKey().text })).toBeNull();
    const opened = await openEnrolment(file, { passphrase: 'correct horse battery staple' });
    expect(opened).toEqual({ ...sealed, clinicKey: expect.any(Buffer) });
    expect(Buffer.from(opened!.clinicKey).equals(Buffer.from(sealed.clinicKey))).toBe(true);
    const tampered = JSON.parse(file) as { box: { data: string } };
    tampered.box.data = Buffer.from('x'.repeat(40)).toString('base64');
    expect(await openEnrolment(JSON.stringify(tampered), { passphrase: 'correct horse battery staple' })).toBeNull();
    await expect(openEnrolment('{"format":"other"}', { passphrase: 'x' })).rejects.toThrow();
  });

  it('sealed to a recovery key, open with that key only, however it is typed', async () => {
    const sealed = payload();
    const recovery = generateRecoveryKey();
    const salt = Buffer.from('0123456789abcdef').toString('base64');
    const file = sealEnrolmentToRecoveryKey(sealed, { salt, publicKey: publicKeyOf(recoverySecret(recovery.secret, salt)) });
    for (const needle of ['AKIDEXAMPLE', 'SECRETEXAMPLE', Buffer.from(sealed.clinicKey).toString('base64'), recovery.text]) expect(file).not.toContain(needle);
    expect(await openEnrolment(file, { recoveryKey: generateRecoveryKey().text })).toBeNull();
    expect(await openEnrolment(file, { passphrase: recovery.text })).toBeNull();
    await expect(openEnrolment(file, { recoveryKey: 'not-a-recovery-key' })).rejects.toThrow('mistyped');
    const opened = await openEnrolment(file, { recoveryKey: recovery.text.toLowerCase().replaceAll('-', ' ') });
    expect(Buffer.from(opened!.clinicKey).equals(Buffer.from(sealed.clinicKey))).toBe(true);
    expect(opened!.targets).toEqual(sealed.targets);
  });
});
