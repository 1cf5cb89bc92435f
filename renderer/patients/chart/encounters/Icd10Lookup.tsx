import { AutoComplete, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Icd10Entry } from '../../../../preload/contract/chart.ts';
import { call } from '../../../platform/api.ts';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  /** A code picked from the list: the caller fills its title in the reader's language. */
  onPick: (entry: Icd10Entry) => void;
  testId: string;
}

const LOOKUP_DELAY_MS = 150;

/**
 * An ICD-10 code, typed or looked up in the shipped common codes by code, Chinese or English title, or pinyin
 * initials. Any code in valid format may be typed: the list is a subset.
 */
export function Icd10Lookup({ value, onChange, onPick, testId }: Props) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Icd10Entry[]>([]);

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setOptions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('chart.icd10.search', { query: text, limit: 12 }).then(
        (found) => current && setOptions(found),
        () => current && setOptions([]),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const title = (entry: Icd10Entry) => (i18n.language.startsWith('zh') ? entry.zh : entry.en);

  return (
    <AutoComplete
      value={value}
      onChange={(next: string) => onChange?.(next)}
      showSearch={{ onSearch: setQuery }}
      onSelect={(code: string) => {
        const entry = options.find((option) => option.code === code);
        if (entry) onPick(entry);
      }}
      options={options.map((entry) => ({
        value: entry.code,
        label: (
          <span data-testid={`icd10-option-${entry.code}`}>
            <Typography.Text strong>{entry.code}</Typography.Text> {title(entry)}
          </span>
        ),
      }))}
      placeholder={t('chart.encounters.codePlaceholder')}
      popupMatchSelectWidth={360}
      data-testid={testId}
    />
  );
}
