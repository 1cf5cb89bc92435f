import { Flex, Input, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { hitRowId, PatientResults } from '../search/PatientResults.tsx';
import { useHitKeys } from '../search/useHitKeys.ts';
import { usePatientSearch } from '../search/usePatientSearch.ts';

/** The same search as the desk's, without the patient being kept: a record cannot be merged into itself. */
export function MergeFinder({ survivorId, onChoose }: { survivorId: string; onChoose: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const search = usePatientSearch(query, true, survivorId);
  const keys = useHitKeys(search, onChoose);
  const active = search.hits[keys.activeIndex];

  return (
    <Flex vertical gap="small">
      <Typography.Text>{t('patients.merge.intro')}</Typography.Text>
      <Input
        autoFocus
        allowClear
        maxLength={100}
        placeholder={t('patients.search.placeholder')}
        aria-label={t('patients.merge.search')}
        role="combobox"
        aria-expanded
        aria-controls={resultsId}
        aria-activedescendant={active && hitRowId(resultsId, active)}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={keys.onKeyDown}
        data-testid="merge-search"
      />
      <PatientResults
        id={resultsId}
        hits={search.hits}
        activeIndex={keys.activeIndex}
        onOpen={onChoose}
        loading={search.loading && search.answered === undefined}
        emptyText={search.answered !== search.wanted ? '' : search.wanted ? t('patients.merge.noResults') : t('patients.search.noRecent')}
        testIdPrefix="merge"
      />
    </Flex>
  );
}
