import type { ConfigProviderProps } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Language } from '../../preload/contract/settings.ts';

/** antd's own component texts (pagination, pickers, empty states) per app language. */
export const ANTD_LOCALES: Record<Language, NonNullable<ConfigProviderProps['locale']>> = { 'zh-CN': zhCN, en: enUS };
