import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

// Client-side hints mirroring the contract's schemas (preload/contract/session.ts); main validates again.

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

export function requiredRule(t: TFunction): FormRule {
  return { required: true, whitespace: true, message: t('forms.required') };
}

export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('forms.required') },
    { min: PASSWORD_MIN, message: t('forms.passwordTooShort') },
    { max: PASSWORD_MAX, message: t('fieldErrors.tooBig') },
  ];
}

/** The confirmation must equal the field named `passwordField`. */
export function confirmPasswordRules(t: TFunction, passwordField: string): FormRule[] {
  return [
    { required: true, message: t('forms.required') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || value === getFieldValue(passwordField) ? Promise.resolve() : Promise.reject(new Error(t('forms.passwordMismatch'))),
    }),
  ];
}

export function usernameRules(t: TFunction): FormRule[] {
  return [
    requiredRule(t),
    { min: 2, max: 64, message: t('forms.usernameHint') },
    { pattern: /^[\p{L}\p{N}._-]+$/u, message: t('forms.usernameInvalid') },
  ];
}

export function displayNameRules(t: TFunction): FormRule[] {
  return [requiredRule(t), { max: 100, message: t('fieldErrors.tooBig') }];
}
