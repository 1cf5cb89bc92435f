import type { scheduleZh } from './schedule.zh-CN.ts';

export const scheduleEn: typeof scheduleZh = {};
