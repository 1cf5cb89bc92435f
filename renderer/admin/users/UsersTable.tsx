import { Button, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import { rowTestId } from '../rowTestId.ts';
import { AccountStatusTag } from './AccountStatusTag.tsx';
import { AccountToggleButton } from './AccountToggleButton.tsx';

interface Props {
  accounts: readonly Account[];
  loading: boolean;
  onEdit: (account: Account) => void;
  onReset: (account: Account) => void;
  onChanged: () => void;
}

export function UsersTable({ accounts, loading, onEdit, onReset, onChanged }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Account> = [
    { key: 'username', title: t('admin.users.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('admin.users.displayName'), dataIndex: 'displayName' },
    { key: 'role', title: t('admin.users.role'), render: (_, account) => t(`roles.${account.role}`) },
    { key: 'status', title: t('admin.users.status'), render: (_, account) => <AccountStatusTag account={account} /> },
    {
      key: 'actions',
      title: t('admin.users.actions'),
      render: (_, account) => (
        <Space size="small" wrap>
          <Button size="small" onClick={() => onEdit(account)} data-testid={`user-edit-${account.username}`}>
            {t('admin.users.edit')}
          </Button>
          <AccountToggleButton account={account} onChanged={onChanged} />
          <Button size="small" onClick={() => onReset(account)} data-testid={`user-reset-${account.username}`}>
            {t('admin.users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="users-table">
      <Table<Account>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={accounts}
        loading={loading}
        pagination={false}
        onRow={(account) => rowTestId(`user-row-${account.username}`)}
      />
    </div>
  );
}
