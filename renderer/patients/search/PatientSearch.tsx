import { SearchOutlined } from '@ant-design/icons';
import { Alert, Flex, Input, Typography, type InputRef } from 'antd';
import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { openPatient, openPatientSearch } from '../patientRoute.ts';
import { hitRowId, PatientResults } from './PatientResults.tsx';
import { useHitKeys } from './useHitKeys.ts';
import { usePatientSearch } from './usePatientSearch.ts';
import { useSearchShortcut } from './useSearchShortcut.ts';

interface Props {
  /** On the list itself; elsewhere in the section only the box shows, and typing in it comes back to the list. */
  showResults: boolean;
  /** Buttons beside the box (registration). */
  actions: ReactNode;
}

/** The box at the top of the Patients section: always there, focused on arrival, `/` or Ctrl+K from anywhere in the section. */
export function PatientSearch({ showResults, actions }: Props) {
  const { t } = useTranslation();
  const resultsId = useId();
  const input = useRef<InputRef>(null);
  const [query, setQuery] = useState('');
  const search = usePatientSearch(query, showResults);
  useSearchShortcut(input);

  const open = useCallback((hit: SearchHit) => {
    openPatient(hit.id);
    input.current?.select(); // the next name typed replaces this one
  }, []);
  const keys = useHitKeys(search, open);
  const active = search.hits[keys.activeIndex];
  const recent = search.wanted === '';

  return (
    <Flex vertical gap="small">
      <Flex gap="small" align="center">
        <Input
          ref={input}
          autoFocus
          allowClear
          size="large"
          maxLength={100}
          prefix={<SearchOutlined aria-hidden />}
          placeholder={t('patients.search.placeholder')}
          aria-label={t('patients.search.label')}
          aria-keyshortcuts="/ Control+K"
          role="combobox"
          aria-expanded={showResults}
          aria-controls={resultsId}
          aria-autocomplete="list"
          aria-activedescendant={showResults && active ? hitRowId(resultsId, active) : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (!showResults) openPatientSearch();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query) {
              setQuery('');
              return;
            }
            if (showResults) keys.onKeyDown(event);
          }}
          data-testid="patient-search"
        />
        {actions}
      </Flex>
      {showResults && (
        <>
          <Flex justify="space-between" align="baseline">
            <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
              {recent ? t('patients.search.recent') : t('patients.search.results')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('patients.search.keys')}</Typography.Text>
          </Flex>
          {search.error && <Alert type="error" showIcon title={t('patients.search.failed', { reason: errorMessage(t, search.error) })} />}
          <PatientResults
            id={resultsId}
            hits={search.hits}
            activeIndex={keys.activeIndex}
            onOpen={open}
            loading={search.loading && search.answered === undefined}
            emptyText={search.answered !== search.wanted ? '' : recent ? t('patients.search.noRecent') : t('patients.search.noResults')}
            testIdPrefix="patient"
          />
        </>
      )}
    </Flex>
  );
}
