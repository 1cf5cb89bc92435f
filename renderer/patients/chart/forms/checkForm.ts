import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { ContractCallError } from '../../../platform/api.ts';
import { fieldErrorText } from '../../../forms/applyFieldErrors.ts';
import { issueText } from './issueText.ts';

type NamePath = Array<string | number>;

/** Form-level issues (path []) have no field: they come back for the form's alert. */
export interface FormCheck<T> {
  readonly value: T | undefined;
  readonly formIssues: readonly string[];
}

/**
 * Validates a form's request body with the contract's own schema (the one main applies), puts each issue on
 * its field, and returns the parsed value only if there is none. Same rules, same moment: as the user submits.
 */
export function checkForm<S extends z.ZodType>(form: FormInstance, t: TFunction, schema: S, input: unknown): FormCheck<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data, formIssues: [] };
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const formIssues: string[] = [];
  for (const issue of result.error.issues) {
    const name = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    const text = issueText(t, issue, String(name.at(-1) ?? ''));
    if (name.length === 0) formIssues.push(text);
    else {
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(text)) entry.errors.push(text);
      byField.set(key, entry);
    }
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return { value: undefined, formIssues };
}

/**
 * Main's field issues (should a rule the form could not check fail there, e.g. a provider that was removed),
 * on the fields named after the request's `prefix.` paths.
 */
export function applyServerIssues(form: FormInstance, t: TFunction, error: ContractCallError, prefix: string): void {
  const fields = error.fields
    .filter((issue) => issue.path.startsWith(`${prefix}.`))
    .map((issue) => ({
      name: issue.path
        .slice(prefix.length + 1)
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [fieldErrorText(t, issue)],
    }));
  form.setFields(fields);
}
