import type { Language } from '../../preload/contract/settings.ts';
import { en } from './en.ts';
import { zhCN, type Messages } from './zh-CN.ts';

/** Bundled with the app: no translation is ever fetched. Keyed by every contract language. */
export const MESSAGES: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** The product default, matching main's settings default; used until settings are read. */
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const LANGUAGES = Object.keys(MESSAGES) as Language[];
