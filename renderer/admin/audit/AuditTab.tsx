import { Flex } from 'antd';
import { useState } from 'react';
import type { AuditFilter } from '../../../preload/contract/audit.ts';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { useCall } from '../../platform/useCall.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable, type Page } from './AuditTable.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { IntegrityCheck } from './IntegrityCheck.tsx';

/** The audit trail, newest first: filter, page, export what is filtered, verify the hash chain. */
export function AuditTab() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState<Page>({ current: 1, pageSize: 50 });
  const { value, error, loading, reload } = useCall('audit.query', { ...filter, limit: page.pageSize, offset: (page.current - 1) * page.pageSize });

  const changeFilter = (next: AuditFilter) => {
    setFilter(next);
    setPage((previous) => ({ ...previous, current: 1 }));
  };

  return (
    <Flex vertical gap="middle">
      <AuditFilters value={filter} onChange={changeFilter} />
      <Flex gap="small" align="center" wrap>
        {/* Exporting is itself audited, so the list is read again afterwards. */}
        <ExportCsvButton filter={filter} onExported={reload} />
        <IntegrityCheck />
      </Flex>
      {error && <CallFailedNotice error={error} onRetry={reload} />}
      <AuditTable entries={value?.entries ?? []} total={value?.total ?? 0} loading={loading} page={page} onPageChange={setPage} />
    </Flex>
  );
}
