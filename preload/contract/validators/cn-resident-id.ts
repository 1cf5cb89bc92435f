/**
 * The 18-character resident identity number of the People's Republic of China
 * (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence and an
 * ISO 7064 MOD 11-2 check character. Free of zod so the renderer can check as
 * the user types.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type CnResidentIdProblem = 'format' | 'birthDate' | 'checkDigit';

export function checkCnResidentId(value: string): CnResidentIdProblem | null {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const birth = cnResidentIdBirthDate(id);
  if (!birth) return 'birthDate';
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17] ? null : 'checkDigit';
}

/** The birth date the number carries, as YYYY-MM-DD, or null if it is not a real date. */
export function cnResidentIdBirthDate(id: string): string | null {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
