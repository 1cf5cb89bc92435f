import type { analyticsZh } from './analytics.zh-CN.ts';

export const analyticsEn: typeof analyticsZh = {};
