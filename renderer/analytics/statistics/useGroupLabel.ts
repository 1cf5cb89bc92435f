import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grouping } from '../../../preload/contract/analytics.ts';

const SEXES = new Set(['female', 'male', 'other', 'unknown']);

/** A group key as the user reads it: a translated sex, "(not recorded)" for none, otherwise the key itself. */
export function useGroupLabel(): (groupBy: Grouping, key: string | null) => string {
  const { t } = useTranslation();
  return useCallback(
    (groupBy: Grouping, key: string | null) => {
      if (key === null) return t('analytics.statistics.notRecorded');
      if (groupBy === 'sex' && SEXES.has(key)) return t(`analytics.sexes.${key as 'female'}`);
      if (groupBy === 'none') return '—';
      return key;
    },
    [t],
  );
}
