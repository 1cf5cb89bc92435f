import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { toContractCallError } from '../../../platform/api.ts';
import { applyServerIssues, checkForm } from './checkForm.ts';
import { failureText } from './failureText.ts';

export interface ChartSubmit {
  /** Checks the request body with the contract's schema, then sends it; false if anything refused it. */
  readonly submit: (input: unknown) => Promise<boolean>;
  readonly submitting: boolean;
  /** For the form's alert: a form-level issue or main's refusal, translated. */
  readonly alert: string | undefined;
}

/**
 * A chart form's submit: the contract's schema on the fields first (nothing is sent while any fails), then
 * the call; main's field issues land on the fields under `prefix` (the request key the form fills).
 */
export function useChartSubmit<S extends z.ZodType, R>(
  form: FormInstance,
  schema: S,
  prefix: string,
  send: (value: z.output<S>) => Promise<R>,
  onDone: (result: R) => void,
): ChartSubmit {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [alert, setAlert] = useState<string>();

  async function submit(input: unknown): Promise<boolean> {
    setAlert(undefined);
    const checked = checkForm(form, t, schema, input);
    if (checked.value === undefined) {
      setAlert(checked.formIssues.join(' ') || undefined);
      return false;
    }
    setSubmitting(true);
    try {
      const result = await send(checked.value);
      setSubmitting(false);
      onDone(result);
      return true;
    } catch (thrown) {
      const error = toContractCallError(thrown);
      applyServerIssues(form, t, error, prefix);
      setAlert(failureText(t, error));
      setSubmitting(false);
      return false;
    }
  }

  return { submit, submitting, alert };
}
