import { App, Form, Input } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import type { Role } from '../../../preload/contract/roles.ts';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { displayNameRules } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { RoleSelect } from '../RoleSelect.tsx';
import { accountErrorMessage } from './accountErrorMessage.ts';

interface Values {
  displayName: string;
  role: Role;
}

interface Props {
  account: Account;
  onCancel: () => void;
  onSaved: () => void;
}

export function EditUserForm({ account, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useCallback((values: Values) => call('accounts.update', { userId: account.id, ...values }), [account.id]);
  const { submit, submitting, error } = useFormSubmit(form, save, {
    onSuccess: (saved) => {
      void message.success(t('admin.users.saved', { username: saved.username }));
      onSaved();
    },
  });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ displayName: account.displayName, role: account.role }}>
      <FormErrorAlert testId="user-edit-error" message={error && accountErrorMessage(t, error)} />
      <Form.Item name="displayName" label={t('admin.users.displayName')} rules={displayNameRules(t)}>
        <Input autoFocus autoComplete="off" data-testid="user-edit-display-name" />
      </Form.Item>
      <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true, message: t('forms.required') }]}>
        <RoleSelect testId="user-edit-role" />
      </Form.Item>
      <FormButtons submitLabel={t('admin.users.save')} submitTestId="user-edit-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
