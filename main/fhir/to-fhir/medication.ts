import type { MedicationStatement } from '@medplum/fhirtypes';
import type { Medication } from '../../../preload/contract/chart.ts';
import { SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

/** SNOMED CT route of administration codes (FHIR's route value set). */
export const ROUTE_CODES: Record<Medication['route'], { code: string; display: string } | null> = {
  oral: { code: '26643006', display: 'Oral route' },
  sublingual: { code: '37839007', display: 'Sublingual route' },
  intravenous: { code: '47625008', display: 'Intravenous route' },
  intramuscular: { code: '78421000', display: 'Intramuscular route' },
  subcutaneous: { code: '34206005', display: 'Subcutaneous route' },
  inhaled: { code: '447694001', display: 'Respiratory tract route' },
  topical: { code: '6064005', display: 'Topical route' },
  transdermal: { code: '45890007', display: 'Transdermal route' },
  rectal: { code: '37161004', display: 'Rectal route' },
  ophthalmic: { code: '54485002', display: 'Ophthalmic route' },
  otic: { code: '10547007', display: 'Otic route' },
  nasal: { code: '46713006', display: 'Nasal route' },
  other: null,
};

/**
 * A medication as the clinician wrote it: the name as the medication's text,
 * the dose as the dosage's free text, the frequency as its timing's text,
 * the route coded in SNOMED CT (its text is the chart's route value).
 */
export function medicationResource(medication: Medication): MedicationStatement {
  const route = ROUTE_CODES[medication.route];
  const period = { ...(medication.start ? { start: medication.start } : {}), ...(medication.end ? { end: medication.end } : {}) };
  return {
    resourceType: 'MedicationStatement',
    id: medication.id,
    meta: { lastUpdated: toInstant(medication.updatedAt) },
    status: medication.status,
    medicationCodeableConcept: { text: medication.name },
    subject: reference(medication.patientId),
    ...(Object.keys(period).length ? { effectivePeriod: period } : {}),
    dateAsserted: toInstant(medication.createdAt),
    ...(medication.recordedBy.name ? { informationSource: { display: medication.recordedBy.name } } : {}),
    ...(medication.note ? { note: [{ text: medication.note }] } : {}),
    dosage: [
      {
        ...(medication.dose ? { text: medication.dose } : {}),
        ...(medication.frequency ? { timing: { code: { text: medication.frequency } } } : {}),
        route: { ...(route ? { coding: [{ system: SYSTEMS.snomed, ...route }] } : {}), text: medication.route },
      },
    ],
  };
}
