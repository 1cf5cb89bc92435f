import { App, ConfigProvider } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { ANTD_LOCALES } from '../i18n/antdLocales.ts';
import { applyLanguage } from '../i18n/applyLanguage.ts';
import { usePreferences } from '../preferences/PreferencesContext.ts';
import { themeConfig } from './themeConfig.ts';

/** Applies the language and general theme preferences to everything below it, live. */
export function AppConfigProvider({ children }: { children: ReactNode }) {
  const { language, theme } = usePreferences();

  useEffect(() => applyLanguage(language), [language]);
  useEffect(() => {
    // Native scrollbars and form controls follow the theme too.
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={themeConfig(theme)}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
