import type { patientImportZh } from './patientImport.zh-CN.ts';

export const patientImportEn: typeof patientImportZh = {};
