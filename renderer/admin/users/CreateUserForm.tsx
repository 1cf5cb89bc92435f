import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../preload/contract/roles.ts';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { displayNameRules, newPasswordRules, usernameRules } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { RoleSelect } from '../RoleSelect.tsx';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const createAccount = (values: Values) => call('accounts.create', values);

export function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const { submit, submitting, error } = useFormSubmit(form, createAccount, {
    onSuccess: (account) => {
      void message.success(t('admin.users.created', { username: account.username }));
      onCreated();
    },
  });
  // Main marks the username field itself; a conflict on create can only be that name.
  const alert = error && (error.code === 'CONFLICT' ? t('admin.users.usernameTaken') : errorMessage(t, error));

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <FormErrorAlert testId="user-create-error" message={alert} />
      <Form.Item name="username" label={t('admin.users.username')} extra={t('forms.usernameHint')} rules={usernameRules(t)}>
        <Input autoFocus autoComplete="off" data-testid="user-create-username" />
      </Form.Item>
      <Form.Item name="displayName" label={t('admin.users.displayName')} rules={displayNameRules(t)}>
        <Input autoComplete="off" data-testid="user-create-display-name" />
      </Form.Item>
      <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true, message: t('forms.required') }]}>
        <RoleSelect testId="user-create-role" />
      </Form.Item>
      <Form.Item name="password" label={t('admin.users.initialPassword')} extra={t('forms.passwordHint')} rules={newPasswordRules(t)}>
        <Input.Password autoComplete="new-password" data-testid="user-create-password" />
      </Form.Item>
      <FormButtons submitLabel={t('admin.users.create')} submitTestId="user-create-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
