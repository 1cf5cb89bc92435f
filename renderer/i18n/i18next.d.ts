import 'i18next';
import type { zhCN } from './zh-CN.ts';

// Type-checks every t('…') key against the default language's resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
