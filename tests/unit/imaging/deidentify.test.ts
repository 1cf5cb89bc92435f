import { randomBytes } from 'node:crypto';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { deidentify, shiftDate } from '../../../main/imaging/export/deidentify.ts';
import { dicomFile, KEY_OBJECT_SELECTION, NAME_GB18030, NAME_ISO2022_IR87, nonImageFile, series } from '../../fixtures/dicom/generate.ts';

const parse = (bytes: Uint8Array) => dicomParser.parseDicom(bytes);
const pixels = (bytes: Uint8Array) => {
  const dataSet = parse(bytes);
  const element = dataSet.elements.x7fe00010!;
  return Buffer.from(bytes.subarray(element.dataOffset, element.dataOffset + element.length));
};

describe('PS3.15 Basic Profile de-identification', () => {
  it('replaces names and IDs, shifts dates, remaps UIDs consistently, drops private tags and keeps the pixels', () => {
    const secret = randomBytes(32);
    const files = series({ count: 2, patientName: NAME_GB18030, patientId: 'MRN-12345', otherPatientIds: '110101199003077777', birthDate: '19900307', studyDate: '20240315', privateText: 'SECRET-PRIVATE', accession: 'ACC-999' });
    const outputs = files.map((file) => {
      const result = deidentify(file, { secret });
      if (!result.ok) throw new Error(result.reason);
      return result.bytes;
    });
    const [a, b] = outputs.map(parse) as [dicomParser.DataSet, dicomParser.DataSet];
    const [origA] = files.map(parse) as [dicomParser.DataSet];
    for (const bytes of outputs) {
      const text = Buffer.from(bytes);
      for (const needle of [Buffer.from(NAME_GB18030.bytes), Buffer.from('张'), Buffer.from('MRN-12345'), Buffer.from('110101199003077777'), Buffer.from('SECRET-PRIVATE'), Buffer.from('ACC-999'), Buffer.from('19900307')]) {
        expect(text.includes(needle)).toBe(false);
      }
    }
    expect(a.string('x00100010')).toMatch(/^ANON-[0-9A-F]{10}$/);
    expect(a.string('x00100020')).toBe(a.string('x00100010'));
    expect(b.string('x00100020')).toBe(a.string('x00100020'));
    expect(a.string('x00120062')).toBe('YES');
    expect(a.elements.x00091010).toBeUndefined();
    expect(a.elements.x00101000).toBeUndefined();
    // UIDs: new, shared where they were shared, distinct where they were distinct, and the file meta follows.
    expect(a.string('x0020000d')).not.toBe(origA.string('x0020000d'));
    expect(a.string('x0020000d')).toMatch(/^2\.25\.\d+$/);
    expect(b.string('x0020000d')).toBe(a.string('x0020000d'));
    expect(b.string('x0020000e')).toBe(a.string('x0020000e'));
    expect(b.string('x00080018')).not.toBe(a.string('x00080018'));
    expect(a.string('x00020003')).toBe(a.string('x00080018'));
    expect(a.string('x00080016')).toBe(origA.string('x00080016'));
    // Dates move by the same whole number of days.
    const studyDate = a.string('x00080020')!;
    expect(studyDate).toMatch(/^\d{8}$/);
    expect(studyDate).not.toBe('20240315');
    expect(b.string('x00080020')).toBe(studyDate);
    expect(outputs.map(pixels)[0]!.equals(pixels(files[0]!))).toBe(true);
  });

  it('gives different pseudonyms to different patients and unlinkable UIDs to different exports', () => {
    const secret = randomBytes(32);
    const one = deidentify(dicomFile({ patientId: 'P1' }), { secret });
    const two = deidentify(dicomFile({ patientId: 'P2', patientName: NAME_ISO2022_IR87 }), { secret });
    if (!one.ok || !two.ok) throw new Error('refused');
    expect(parse(one.bytes).string('x00100020')).not.toBe(parse(two.bytes).string('x00100020'));
    const file = dicomFile();
    const first = deidentify(file, { secret: randomBytes(32) });
    const second = deidentify(file, { secret: randomBytes(32) });
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(parse(first.bytes).string('x0020000d')).not.toBe(parse(second.bytes).string('x0020000d'));
  });

  it('refuses images with burned-in annotations', () => {
    expect(deidentify(dicomFile({ burnedInAnnotation: 'YES' }), { secret: randomBytes(32) })).toEqual({ ok: false, reason: 'burned-in-annotation' });
  });

  it('refuses objects without pixel data, whose content (an SR tree of TEXT and PNAME items) the profile can only remove', () => {
    const secret = randomBytes(32);
    const report = nonImageFile({
      patientName: '张^三',
      content: [
        { type: 'TEXT', meaning: 'Finding', text: 'Patient 张三 (MRN-12345): no bleed.' },
        { type: 'PNAME', meaning: 'Person Observer Name', name: '张^三' },
      ],
    });
    expect(deidentify(report, { secret })).toEqual({ ok: false, reason: 'non-image' });
    expect(deidentify(nonImageFile({ sopClassUid: KEY_OBJECT_SELECTION, modality: 'KO', content: [{ type: 'TEXT', meaning: 'Key Object Description', text: '张三' }] }), { secret })).toEqual({ ok: false, reason: 'non-image' });
  });

  it('shifts dates across months and leap years', () => {
    expect(shiftDate('20240301', -1)).toBe('20240229');
    expect(shiftDate('20240101120000', -1)).toBe('20231231120000');
    expect(shiftDate('garbage', -5)).toBe('');
  });
});
