/**
 * The DICOM tags of the image in the active viewport, filterable by tag, name or value.
 * Test ids: `tag-browser`, `tag-filter`, `tag-row-<GGGG,EEEE>` (top-level elements).
 */
import { Alert, Input, Spin, Table } from 'antd';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagRow } from '../loader/decode/tagRows.ts';
import { readTags } from '../loader/readTags.ts';

export const TagBrowser = memo(function TagBrowser({ instanceId }: { instanceId: string | undefined }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<TagRow[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    if (!instanceId) return;
    let current = true;
    setRows(undefined);
    setFailed(false);
    readTags(instanceId).then(
      (result) => current && setRows(result),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [instanceId]);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = (rows ?? []).map((row, key) => ({ ...row, key }));
    return needle ? all.filter((r) => `${r.tag} ${r.name} ${r.value}`.toLowerCase().includes(needle)) : all;
  }, [rows, filter]);

  if (!instanceId) return null;
  if (failed) return <Alert type="error" showIcon title={t('imagingViewer.tags.failed')} />;
  if (!rows) return <Spin />;
  return (
    <div data-testid="tag-browser" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Input.Search data-testid="tag-filter" allowClear placeholder={t('imagingViewer.tags.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <Table
        size="small"
        pagination={false}
        scroll={{ y: 520 }}
        dataSource={shown}
        onRow={(row) => ({ 'data-testid': row.depth === 0 ? `tag-row-${row.tag.slice(1, -1)}` : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('imagingViewer.tags.tag'), dataIndex: 'tag', width: 110, render: (tag: string, row) => <span style={{ paddingLeft: row.depth * 10, fontFamily: 'monospace' }}>{tag}</span> },
          { title: t('imagingViewer.tags.name'), dataIndex: 'name', width: 170, ellipsis: true },
          { title: 'VR', dataIndex: 'vr', width: 44 },
          { title: t('imagingViewer.tags.value'), dataIndex: 'value', ellipsis: true },
        ]}
      />
    </div>
  );
});
