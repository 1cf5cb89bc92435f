import type { fhirZh } from './fhir.zh-CN.ts';

export const fhirEn: typeof fhirZh = {};
