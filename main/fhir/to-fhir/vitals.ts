import type { Encounter, Observation, Patient, Quantity } from '@medplum/fhirtypes';
import type { VitalSigns } from '../../../preload/contract/chart.ts';
import { SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { SINGLE_MEASURES, VITAL_CODES } from '../vital-codes.ts';
import { derivedUuid, reference } from './references.ts';

const VITAL_SIGNS_CATEGORY = [{ coding: [{ system: SYSTEMS.observationCategory, code: 'vital-signs', display: 'Vital Signs' }] }];

type Coded = { loinc: string; display: string; alsoLoinc?: string };

function code(measure: Coded): Observation['code'] {
  return {
    coding: [{ system: SYSTEMS.loinc, code: measure.loinc, display: measure.display }, ...(measure.alsoLoinc ? [{ system: SYSTEMS.loinc, code: measure.alsoLoinc }] : [])],
    text: measure.display,
  };
}

function quantity(value: number, measure: { unit: string; unitText: string }): Quantity {
  return { value, unit: measure.unitText, system: SYSTEMS.ucum, code: measure.unit };
}

/** Stable ids of a set's observations: the panel keeps the set's id, each measure one derived from it. */
export function vitalObservationId(setId: string, loinc: string): string {
  return derivedUuid(setId, `vital/${loinc}`);
}

/**
 * One set of vital signs as FHIR's vital signs profile has it: an
 * Observation per measure (blood pressure as one with two components), and a
 * vital signs panel with the set's id grouping them, so an import finds the
 * set again.
 */
export function vitalsResources(vitals: VitalSigns): Observation[] {
  const common: Omit<Observation, 'code'> = {
    resourceType: 'Observation',
    status: 'final',
    category: VITAL_SIGNS_CATEGORY,
    subject: reference<Patient>(vitals.patientId),
    ...(vitals.encounterId ? { encounter: reference<Encounter>(vitals.encounterId) } : {}),
    effectiveDateTime: toInstant(vitals.at),
    ...(vitals.recordedBy.name ? { performer: [{ display: vitals.recordedBy.name }] } : {}),
  };
  const members: Observation[] = [];
  if (vitals.systolic !== null && vitals.diastolic !== null) {
    members.push({
      ...common,
      id: vitalObservationId(vitals.id, VITAL_CODES.bloodPressure.loinc),
      code: code(VITAL_CODES.bloodPressure),
      component: [
        { code: code(VITAL_CODES.systolic), valueQuantity: quantity(vitals.systolic, VITAL_CODES.systolic) },
        { code: code(VITAL_CODES.diastolic), valueQuantity: quantity(vitals.diastolic, VITAL_CODES.diastolic) },
      ],
    });
  }
  for (const measure of [...SINGLE_MEASURES, 'bmi'] as const) {
    const value = vitals[measure];
    if (value === null) continue;
    members.push({ ...common, id: vitalObservationId(vitals.id, VITAL_CODES[measure].loinc), code: code(VITAL_CODES[measure]), valueQuantity: quantity(value, VITAL_CODES[measure]) });
  }
  const panel: Observation = {
    ...common,
    id: vitals.id,
    meta: { lastUpdated: toInstant(vitals.updatedAt) },
    code: code(VITAL_CODES.panel),
    hasMember: members.map((member) => reference<Observation>(member.id!)),
  };
  return [panel, ...members];
}
