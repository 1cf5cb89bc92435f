import type { TFunction } from 'i18next';
import dayjs from 'dayjs';

/** Age on `today` from a YYYY-MM-DD birth date: years, or months and then days for infants ("34岁", "8 mo"). */
export function ageText(t: TFunction, birthDate: string, today = dayjs()): string {
  const birth = dayjs(birthDate);
  if (!birth.isValid()) return '';
  const years = today.diff(birth, 'year');
  if (years >= 1) return t('patients.age.years', { n: years });
  const months = today.diff(birth, 'month');
  if (months >= 1) return t('patients.age.months', { n: months });
  return t('patients.age.days', { n: Math.max(0, today.diff(birth, 'day')) });
}
