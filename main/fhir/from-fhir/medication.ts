import type { BundleEntry, MedicationStatement } from '@medplum/fhirtypes';
import { MEDICATION_ROUTES, MEDICATION_STATUSES, medicationInputSchema, type MedicationFields } from '../../../preload/contract/chart.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import type { PlannedEntry } from '../import-plan.ts';
import { SYSTEMS } from '../systems.ts';
import { ROUTE_CODES } from '../to-fhir/medication.ts';
import { fromInstant } from '../time.ts';
import type { PlanContext } from './context.ts';
import { skip } from './entries.ts';
import { invalid } from './invalid.ts';
import { codeIn, conceptText, dateOnly, named, notesText } from './values.ts';

const POINTERS: Record<string, string> = { name: '/medicationCodeableConcept', dose: '/dosage/0/text', frequency: '/dosage/0/timing', start: '/effectivePeriod/start', end: '/effectivePeriod/end', note: '/note' };
/** FHIR statuses folded into the chart's four; `intended` and `not-taken` are not a medication the patient takes. */
const STATUS: Record<string, MedicationFields['status']> = { active: 'active', 'on-hold': 'on-hold', completed: 'completed', stopped: 'stopped', unknown: 'active' };

function routeOf(resource: MedicationStatement): MedicationFields['route'] {
  const route = resource.dosage?.[0]?.route;
  const snomed = codeIn(route, SYSTEMS.snomed);
  const byCode = Object.entries(ROUTE_CODES).find(([, coded]) => coded?.code === snomed)?.[0];
  if (byCode) return byCode as MedicationFields['route'];
  return (MEDICATION_ROUTES as readonly string[]).includes(route?.text ?? '') ? (route!.text as MedicationFields['route']) : 'other';
}

export function planMedication(entry: BundleEntry<MedicationStatement>, index: number, context: PlanContext): PlannedEntry<MedicationFields> | ImportEntry {
  const resource = entry.resource!;
  const type = 'MedicationStatement';
  if (!context.isPatient(resource.subject)) return skip(index, type, 'not-for-patient', 'The medication is not the bundle’s patient’s.', '/subject');
  const status = STATUS[resource.status];
  if (!status || !(MEDICATION_STATUSES as readonly string[]).includes(status)) return skip(index, type, 'unsupported-code', 'The medication status has no equivalent in the chart.', '/status');
  const medication = context.resolve(resource.medicationReference)?.resource;
  const name = conceptText(resource.medicationCodeableConcept) ?? (medication?.resourceType === 'Medication' ? conceptText(medication.code) : undefined);
  if (!name) return skip(index, type, 'missing-field', 'The medication has no name.', '/medicationCodeableConcept');
  const dosage = resource.dosage?.[0];
  const parsed = medicationInputSchema.safeParse({
    name,
    dose: dosage?.text ?? '',
    route: routeOf(resource),
    frequency: conceptText(dosage?.timing?.code) ?? '',
    start: dateOnly(resource.effectivePeriod?.start ?? resource.effectiveDateTime),
    end: dateOnly(resource.effectivePeriod?.end),
    status,
    note: notesText(resource.note),
  });
  if (!parsed.success) return invalid(index, type, parsed.error, POINTERS);
  return { index, parts: [], id: context.idAt(index), fields: parsed.data, recordedBy: named(resource.informationSource?.display), createdAt: fromInstant(resource.dateAsserted) };
}
