import type { syncZh } from './sync.zh-CN.ts';

export const syncEn: typeof syncZh = {};
