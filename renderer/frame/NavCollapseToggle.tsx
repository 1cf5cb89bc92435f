import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../preferences/PreferencesContext.ts';
import { useUpdatePreferences } from '../preferences/useUpdatePreferences.ts';
import { SECTION_NAV_ID } from './SectionNav.tsx';

/** Collapses the side navigation to icons; remembered per workstation. */
export function NavCollapseToggle() {
  const { t } = useTranslation();
  const { navCollapsed } = usePreferences();
  const update = useUpdatePreferences();
  const label = navCollapsed ? t('frame.expandNav') : t('frame.collapseNav');
  return (
    <Tooltip title={label}>
      <Button
        type="text"
        icon={navCollapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
        aria-label={label}
        aria-expanded={!navCollapsed}
        aria-controls={SECTION_NAV_ID}
        onClick={() => update({ navCollapsed: !navCollapsed })}
      />
    </Tooltip>
  );
}
