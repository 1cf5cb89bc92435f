import { AlertOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BREAK_GLASS_ROLES, type Role } from '../../../preload/contract/roles.ts';
import { useSession } from '../SessionContext.ts';
import { BreakGlassModal } from './BreakGlassModal.tsx';
import { useBreakGlassActive } from './useBreakGlassActive.ts';

/** Offered to clinical roles while emergency access is not already on. */
export function BreakGlassButton() {
  const { t } = useTranslation();
  const { role } = useSession();
  const active = useBreakGlassActive() !== null;
  const [open, setOpen] = useState(false);
  if (!(BREAK_GLASS_ROLES as readonly Role[]).includes(role) || active) return null;
  return (
    <>
      <Button danger icon={<AlertOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="breakglass-open">
        {t('session.breakGlass.open')}
      </Button>
      <BreakGlassModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
