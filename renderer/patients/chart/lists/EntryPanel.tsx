import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../forms/FormModal.tsx';
import { RemoveEntryModal } from '../forms/RemoveEntryModal.tsx';

interface Props<E extends { id: string }> {
  /** Test id prefix: `<prefix>-new`, `<prefix>-table`, `<prefix>-edit-<id>`, `<prefix>-remove-<id>`. */
  name: string;
  title: string;
  addLabel: string;
  emptyText: string;
  entries: readonly E[];
  columns: ColumnsType<E>;
  canWrite: boolean;
  /** The add/edit form for an entry (undefined: a new one); it calls `done` once saved, `cancel` to close. */
  form: (entry: E | undefined, done: () => void, cancel: () => void) => ReactNode;
  subject: (entry: E) => string;
  remove: (entry: E, reason: string) => Promise<unknown>;
  onChanged: () => void;
}

/** A chart list (problems, allergies, medications): a table, an add/edit form in a modal, removal with a reason. */
export function EntryPanel<E extends { id: string }>({ name, title, addLabel, emptyText, entries, columns, canWrite, form, subject, remove, onChanged }: Props<E>) {
  const { t } = useTranslation();
  // undefined: closed; null: adding; else editing this entry.
  const [editing, setEditing] = useState<E | null>();
  const [removing, setRemoving] = useState<E>();
  const close = () => setEditing(undefined);

  const actions: ColumnsType<E> = canWrite
    ? [
        {
          key: 'actions',
          title: '',
          width: 140,
          render: (_, entry) => (
            <Space size={0}>
              <Button size="small" type="link" onClick={() => setEditing(entry)} data-testid={`${name}-edit-${entry.id}`}>
                {t('chart.edit')}
              </Button>
              <Button size="small" type="link" danger onClick={() => setRemoving(entry)} data-testid={`${name}-remove-${entry.id}`}>
                {t('chart.remove.open')}
              </Button>
            </Space>
          ),
        },
      ]
    : [];

  return (
    <Flex vertical gap="small">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {title}
        </Typography.Title>
        {canWrite && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid={`${name}-new`}>
            {addLabel}
          </Button>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="small"
        columns={[...columns, ...actions]}
        dataSource={entries as E[]}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText }}
        data-testid={`${name}-table`}
      />
      <FormModal open={editing !== undefined} title={editing ? t('chart.edit') : addLabel} onClose={close}>
        {editing !== undefined &&
          form(
            editing ?? undefined,
            () => {
              close();
              onChanged();
            },
            close,
          )}
      </FormModal>
      <RemoveEntryModal
        open={removing !== undefined}
        title={t('chart.remove.title')}
        subject={removing ? subject(removing) : ''}
        onClose={() => setRemoving(undefined)}
        onRemove={(reason) => remove(removing!, reason)}
        onRemoved={() => {
          setRemoving(undefined);
          onChanged();
        }}
      />
    </Flex>
  );
}
