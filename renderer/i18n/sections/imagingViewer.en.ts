import type { imagingViewerZh } from './imagingViewer.zh-CN.ts';

export const imagingViewerEn: typeof imagingViewerZh = {};
