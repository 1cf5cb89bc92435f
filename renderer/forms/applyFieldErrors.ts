import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../preload/contract/index.ts';
import type { ContractCallError } from '../platform/api.ts';

// Zod's issue codes, as main passes them on for a malformed request, and the codes of main's own checks.
const MESSAGE_KEYS = {
  too_small: 'tooSmall',
  too_big: 'tooBig',
  invalid_format: 'invalidFormat',
  invalid_type: 'required',
  TAKEN: 'taken',
  WRONG_PASSWORD: 'wrongPassword',
  WRONG_RECOVERY_KEY: 'wrongRecoveryKey',
  INVALID_RECOVERY_KEY: 'mistypedRecoveryKey',
} as const;

function isKnownCode(code: string): code is keyof typeof MESSAGE_KEYS {
  return Object.hasOwn(MESSAGE_KEYS, code);
}

/** The translated text for one field issue; main's own English message is never shown. */
export function fieldErrorText(t: TFunction, issue: FieldIssue): string {
  return t(`fieldErrors.${isKnownCode(issue.code) ? MESSAGE_KEYS[issue.code] : 'invalid'}`);
}

/**
 * Marks the fields main named on the form. Forms name their fields after the
 * request's keys, so a path is a field name unless `fieldNames` maps it.
 */
export function applyFieldErrors(form: FormInstance, error: ContractCallError, t: TFunction, fieldNames: Readonly<Record<string, string>> = {}): void {
  const byField = new Map<string, string[]>();
  for (const issue of error.fields) {
    const name = fieldNames[issue.path] ?? issue.path;
    byField.set(name, [...(byField.get(name) ?? []), fieldErrorText(t, issue)]);
  }
  // Array indexes are numbers in antd's name paths (`phones.0` is ['phones', 0]), and names match only by ===.
  const namePath = (name: string) => name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  form.setFields([...byField].map(([name, errors]) => ({ name: namePath(name), errors })));
}
