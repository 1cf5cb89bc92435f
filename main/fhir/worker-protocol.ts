import type { Bundle } from '@medplum/fhirtypes';
import type { PlanResult } from './bundle-to-plan.ts';
import type { SchemaIssue } from './schema.node.ts';

/** What main asks the FHIR worker, and what it answers; plain data both ways. */
export type FhirWorkerRequest = { id: number; op: 'parseFile'; path: string } | { id: number; op: 'validate'; bundle: Bundle };

export type FhirWorkerResult = { parseFile: PlanResult; validate: SchemaIssue[] };

export type FhirWorkerResponse = { id: number; ok: true; value: FhirWorkerResult[keyof FhirWorkerResult] } | { id: number; ok: false; error: string };
