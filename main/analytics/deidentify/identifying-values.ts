import type { Patient } from '../../../preload/contract/patients.ts';

/** Shorter values (a one-character given name, pinyin initials) would redact ordinary words; the whole name still is. */
const MIN_LENGTH = 2;

/**
 * The patient's own identifying values, to be scrubbed from any free text
 * that survives de-identification: names (and their pinyin), record number,
 * identifiers, phones, address and its parts, insurance number, the
 * emergency contact's name and phone.
 */
export function identifyingValues(patient: Patient): string[] {
  const values = [
    patient.fullName,
    patient.familyName && patient.givenName ? `${patient.givenName} ${patient.familyName}` : null,
    patient.familyName && patient.familyName.length >= 2 ? patient.familyName : null,
    patient.givenName,
    patient.pinyin,
    patient.pinyin?.replaceAll(' ', ''),
    patient.mrn,
    patient.identifier?.value,
    ...patient.phones,
    patient.address,
    ...(patient.address ? addressParts(patient.address) : []),
    patient.insurance?.number,
    patient.emergencyContact?.name,
    patient.emergencyContact?.phone,
  ];
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim().length >= MIN_LENGTH).map((value) => value.trim()))];
}

/**
 * Parts of an address identify too: the words of a Latin address, and the
 * units of a Chinese one, which ends each at its administrative suffix
 * (北京市 / 朝阳区 / 建国路 / 88号).
 */
function addressParts(address: string): string[] {
  return address
    .split(/[\s,，、;；]+/u)
    .flatMap((part) => part.match(/[^省市区县镇乡村路街道巷弄号栋楼单元室]+[省市区县镇乡村路街道巷弄号栋楼单元室]+|[^省市区县镇乡村路街道巷弄号栋楼单元室]+$/gu) ?? [])
    .concat(address.split(/[\s,，、;；]+/u))
    .filter((part) => part.length >= (/[\p{Script=Han}]/u.test(part) ? 3 : 4));
}
