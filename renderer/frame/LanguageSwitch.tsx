import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../preload/contract/settings.ts';
import { LANGUAGES } from '../i18n/resources.ts';
import { usePreferences } from '../preferences/PreferencesContext.ts';
import { useUpdatePreferences } from '../preferences/useUpdatePreferences.ts';

function nextLanguage(current: Language): Language {
  return LANGUAGES[(LANGUAGES.indexOf(current) + 1) % LANGUAGES.length] ?? current;
}

/** One click moves to the next language; the button names it in that language ("English" / "中文"). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const update = useUpdatePreferences();
  const next = nextLanguage(usePreferences().language);
  const nextName = i18n.getFixedT(next)('language.self');
  return (
    <Button
      icon={<TranslationOutlined aria-hidden />}
      aria-label={t('language.switchTo', { language: nextName })}
      data-testid="language-switch"
      onClick={() => update({ language: next })}
    >
      <span lang={next}>{nextName}</span>
    </Button>
  );
}
