import { LockOutlined } from '@ant-design/icons';
import { Avatar, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionView, UserView } from '../../../preload/contract/session.ts';
import { GateLayout } from '../GateLayout.tsx';
import { SignOutFromLock } from './SignOutFromLock.tsx';
import { UnlockForm } from './UnlockForm.tsx';

interface Props {
  user: UserView;
  clinicName: string | null;
  onChange: (view: SessionView) => void;
}

/** Shown instead of the whole app while the session is locked; only the same user's password opens it. */
export function LockScreen({ user, clinicName, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <GateLayout testId="lock-screen" title={t('session.lock.title')} clinicName={clinicName}>
      <Flex vertical align="center" gap="small" style={{ marginBottom: 24 }}>
        <Avatar size={64} icon={<LockOutlined aria-hidden />} />
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="lock-user">
          {user.displayName}
        </Typography.Text>
        <Typography.Text type="secondary">{t(`roles.${user.role}`)}</Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary">{t('session.lock.hint')}</Typography.Paragraph>
      <UnlockForm onUnlocked={onChange} />
      <SignOutFromLock onSignedOut={onChange} />
    </GateLayout>
  );
}
