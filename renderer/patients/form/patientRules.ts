import type { FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { checkCnResidentId, cnResidentIdBirthDate } from '../../../preload/contract/validators/cn-resident-id.ts';

// Client-side checks mirroring preload/contract/patients.ts, for feedback as the desk types; main validates again.

const PHONE = /^\+?\d[\d -]{4,19}$/;
const EARLIEST_BIRTH_DATE = dayjs('1880-01-01');
export const ID_TYPE_FIELD: ['identifier', 'type'] = ['identifier', 'type'];
export const ID_VALUE_FIELD: ['identifier', 'value'] = ['identifier', 'value'];

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
const pass = () => Promise.resolve();
const fail = (message: string) => Promise.reject(new Error(message));

export function requiredChoiceRule(t: TFunction): FormRule {
  return { required: true, message: t('forms.required') };
}

export function maxLengthRule(t: TFunction, max: number): FormRule {
  return { max, message: t('fieldErrors.tooBig') };
}

/** Empty passes (phones are optional); otherwise digits, spaces, dashes and a leading +. */
export function phoneRule(t: TFunction): FormRule {
  return { validator: (_rule, value: unknown) => (isBlank(value) || PHONE.test(String(value).trim()) ? pass() : fail(t('patients.form.phoneInvalid'))) };
}

/** A group's field that must be filled once any of its partners is (insurance provider and number; contact name and phone). */
export function pairedRule(partners: string[][], message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) => (isBlank(value) && partners.some((partner) => !isBlank(getFieldValue(partner))) ? fail(message) : pass()),
  });
}

/** A resident ID is checked as it is typed: length and characters, the birth date inside it, the check digit. */
export function residentIdRule(t: TFunction): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) => {
      if (isBlank(value) || getFieldValue(ID_TYPE_FIELD) !== 'cn-resident') return pass();
      const problem = checkCnResidentId(String(value).trim());
      return problem ? fail(t(`patients.form.idProblems.${problem}`)) : pass();
    },
  });
}

/** The birth date in a valid resident ID on the form, or null. */
export function residentIdBirthDate(type: unknown, value: unknown): string | null {
  if (type !== 'cn-resident' || isBlank(value)) return null;
  const id = String(value).trim().toUpperCase();
  return checkCnResidentId(id) ? null : cnResidentIdBirthDate(id);
}

/** Not in the future, not implausibly early, and the same as a valid resident ID's. */
export function birthDateRules(t: TFunction): FormRule[] {
  return [
    requiredChoiceRule(t),
    ({ getFieldValue }) => ({
      validator: (_rule, value: Dayjs | null | undefined) => {
        if (!value) return pass();
        if (value.isAfter(dayjs(), 'day')) return fail(t('patients.form.birthDateFuture'));
        if (value.isBefore(EARLIEST_BIRTH_DATE, 'day')) return fail(t('patients.form.birthDateTooEarly'));
        const fromId = residentIdBirthDate(getFieldValue(ID_TYPE_FIELD), getFieldValue(ID_VALUE_FIELD));
        return fromId && fromId !== value.format('YYYY-MM-DD') ? fail(t('patients.form.birthDateMismatch', { date: fromId })) : pass();
      },
    }),
  ];
}
