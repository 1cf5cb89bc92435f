import type { chartZh } from './chart.zh-CN.ts';

export const chartEn: typeof chartZh = {};
