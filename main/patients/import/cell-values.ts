import type { Patient } from '../../../preload/contract/patients.ts';

/**
 * How the words clinics write in a patient list become the register's values.
 * Each returns undefined for a word it does not know, which the row reports.
 */

const key = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

const SEX_WORDS: Record<string, Patient['sex']> = {
  男: 'male', 男性: 'male', m: 'male', male: 'male', man: 'male', '1': 'male',
  女: 'female', 女性: 'female', f: 'female', female: 'female', woman: 'female', '2': 'female',
  其他: 'other', 其它: 'other', o: 'other', other: 'other', x: 'other',
  未知: 'unknown', 不详: 'unknown', u: 'unknown', unknown: 'unknown', '0': 'unknown', '9': 'unknown',
};

/** Blank is unknown, as at registration. */
export function sexOf(cell: string): Patient['sex'] | undefined {
  return cell.trim() === '' ? 'unknown' : SEX_WORDS[key(cell)];
}

const ALLERGY_WORDS: Record<string, Patient['allergies']> = {
  有: 'has', 是: 'has', yes: 'has', y: 'has', has: 'has', true: 'has', '1': 'has', 有过敏: 'has', 过敏: 'has',
  无: 'none', 否: 'none', 没有: 'none', 无过敏: 'none', 无过敏史: 'none', 否认: 'none', no: 'none', n: 'none', none: 'none', nka: 'none', nkda: 'none', false: 'none', '0': 'none',
  未知: 'unknown', 不详: 'unknown', unknown: 'unknown', '?': 'unknown',
};

export function allergiesOf(cell: string): Patient['allergies'] | undefined {
  return cell.trim() === '' ? 'unknown' : ALLERGY_WORDS[key(cell)];
}

type IdType = NonNullable<Patient['identifier']>['type'];
const ID_TYPE_WORDS: Record<string, IdType> = {
  身份证: 'cn-resident', 居民身份证: 'cn-resident', 二代身份证: 'cn-resident', cnresident: 'cn-resident', 'cn-resident': 'cn-resident', residentid: 'cn-resident', 'resident id': 'cn-resident',
  护照: 'passport', passport: 'passport',
  其他: 'other', 其它: 'other', other: 'other', 港澳通行证: 'other', 台胞证: 'other', 军官证: 'other',
};

/** A named type, or for an unnamed one: 18 characters shaped like a resident ID are one, anything else is "other". */
export function idTypeOf(cell: string | undefined, value: string): IdType | undefined {
  if (cell !== undefined && cell.trim() !== '') return ID_TYPE_WORDS[key(cell)];
  return /^\d{17}[\dXx]$/.test(value.trim()) ? 'cn-resident' : 'other';
}

/** Several numbers in one cell, separated by ; , / 、 or full-width equivalents. */
export function phonesOf(cell: string): string[] {
  return cell
    .normalize('NFKC')
    .split(/[;,/、|]/)
    .map((phone) => phone.trim())
    .filter(Boolean);
}

/**
 * A cell a spreadsheet would run as a formula when the data is exported and
 * opened again (CSV injection): it starts with =, @, or + / - followed by
 * something other than a number. Kept verbatim, flagged for the user.
 */
export function looksLikeFormula(cell: string): boolean {
  const text = cell.trimStart();
  if (text.startsWith('=') || text.startsWith('@')) return true;
  return /^[+-]/.test(text) && !/^[+-][\d\s().-]*$/.test(text);
}
