import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn'; // English is built into dayjs
import type { Language } from '../../preload/contract/settings.ts';
import { i18n } from './i18n.ts';

const DAYJS_LOCALES: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

/** Switches every language-dependent part outside React's tree: translations, dates, and `<html lang>`. */
export function applyLanguage(language: Language): void {
  dayjs.locale(DAYJS_LOCALES[language]);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
