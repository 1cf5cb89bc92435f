import { MoonFilled, SunOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../preferences/PreferencesContext.ts';
import { useUpdatePreferences } from '../preferences/useUpdatePreferences.ts';

/** A pressed/unpressed "Dark theme" toggle for the general screens (imaging stays dark either way). */
export function ThemeToggle() {
  const { t } = useTranslation();
  const update = useUpdatePreferences();
  const dark = usePreferences().theme === 'dark';
  return (
    <Tooltip title={t('frame.darkTheme')}>
      <Button
        icon={dark ? <MoonFilled aria-hidden /> : <SunOutlined aria-hidden />}
        aria-label={t('frame.darkTheme')}
        aria-pressed={dark}
        data-testid="theme-toggle"
        onClick={() => update({ theme: dark ? 'light' : 'dark' })}
      />
    </Tooltip>
  );
}
