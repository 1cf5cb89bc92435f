import type { imagingZh } from './imaging.zh-CN.ts';

export const imagingEn: typeof imagingZh = {};
