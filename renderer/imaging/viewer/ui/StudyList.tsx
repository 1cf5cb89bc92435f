/**
 * Studies, newest first, searchable by name, ID, accession or description; opening one starts the viewer.
 * Test ids: `study-search`, `study-row-<studyInstanceUid>` (data-study-id), `study-open-<studyInstanceUid>`.
 */
import { Button, Input, Space, Table, Tag } from 'antd';
import { startTransition, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../../preload/contract/imaging.ts';
import { useCall } from '../../../platform/useCall.ts';
import { beginOpening } from '../studyOpening.ts';

/**
 * Opens a study, its images loading from the click on (studyOpening.ts). The viewer is built as a transition:
 * React yields between parts of it, so the series list that arrives meanwhile starts the first image's fetch
 * and decode in a worker while the viewer is still being built, instead of after.
 */
function open(study: StudySummary, onOpen: (study: StudySummary) => void): void {
  beginOpening(study.id);
  startTransition(() => onOpen(study));
}

/** `onOpen` is left out for roles that may list studies but not view images (the front desk). */
export function StudyList({ patientId, onOpen }: { patientId?: string; onOpen?: (study: StudySummary) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const studies = useCall('imaging.studies.list', { ...(patientId ? { patientId } : {}), ...(query.trim() ? { query: query.trim() } : {}), unlinkedOnly: false, limit: 200 });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search data-testid="study-search" allowClear placeholder={t('imagingViewer.studies.search')} onSearch={setQuery} onChange={(e) => !e.target.value && setQuery('')} style={{ maxWidth: 420 }} />
      <Table<StudySummary>
        rowKey="id"
        size="small"
        loading={studies.loading}
        dataSource={studies.value ?? []}
        locale={{ emptyText: studies.error ? t('imagingViewer.errors.studies') : t('imagingViewer.studies.empty') }}
        onRow={(study) => ({ onDoubleClick: () => onOpen && open(study, onOpen), 'data-testid': `study-row-${study.studyInstanceUid}`, 'data-study-id': study.id }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('imagingViewer.studies.patient'), render: (_, s) => `${s.filePatient.name} (${s.filePatient.patientId})` },
          { title: t('imagingViewer.studies.date'), dataIndex: 'studyDate', width: 110 },
          { title: t('imagingViewer.studies.modalities'), width: 110, render: (_, s) => s.modalities.map((m) => <Tag key={m}>{m}</Tag>) },
          { title: t('imagingViewer.studies.description'), dataIndex: 'description', ellipsis: true },
          { title: t('imagingViewer.studies.accession'), dataIndex: 'accessionNumber', width: 120 },
          { title: t('imagingViewer.studies.images'), width: 90, render: (_, s) => `${s.seriesCount} / ${s.instanceCount}` },
          {
            title: t('imagingViewer.studies.linked'),
            width: 100,
            render: (_, s) => (s.patientId ? <Tag color="green">{t('imagingViewer.studies.isLinked')}</Tag> : <Tag color="orange">{t('imagingViewer.studies.unlinked')}</Tag>),
          },
          ...(onOpen
            ? [
                {
                  key: 'open',
                  width: 90,
                  render: (_: unknown, s: StudySummary) => (
                    <Button data-testid={`study-open-${s.studyInstanceUid}`} size="small" type="primary" onClick={() => open(s, onOpen)}>
                      {t('imagingViewer.studies.open')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
