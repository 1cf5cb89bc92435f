import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toContractCallError, type ContractCallError } from '../platform/api.ts';
import { applyFieldErrors } from './applyFieldErrors.ts';

interface Options<Values, Result> {
  onSuccess: (result: Result, values: Values) => void;
  onError?: (error: ContractCallError) => void;
  /** Request paths whose form field has another name. */
  fieldNames?: Readonly<Record<string, string>>;
}

export interface FormSubmit<Values> {
  readonly submit: (values: Values) => Promise<void>;
  readonly submitting: boolean;
  /** The last failure, for the form's alert; cleared when the form is sent again. */
  readonly error: ContractCallError | undefined;
}

/** Sends a validated form to main: tracks the pending call and puts main's field errors on the fields. */
export function useFormSubmit<Values, Result>(
  form: FormInstance<Values>,
  action: (values: Values) => Promise<Result>,
  { onSuccess, onError, fieldNames }: Options<Values, Result>,
): FormSubmit<Values> {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ContractCallError>();

  const submit = useCallback(
    async (values: Values) => {
      setSubmitting(true);
      setError(undefined);
      let result: Result;
      try {
        result = await action(values);
      } catch (thrown) {
        const failure = toContractCallError(thrown);
        applyFieldErrors(form, failure, t, fieldNames);
        setError(failure);
        setSubmitting(false);
        onError?.(failure);
        return;
      }
      setSubmitting(false);
      onSuccess(result, values);
    },
    [action, form, t, fieldNames, onSuccess, onError],
  );

  return { submit, submitting, error };
}
