import type { AllergyIntolerance, Appointment, Bundle, BundleEntry, Condition, Coverage, DocumentReference, Encounter, MedicationStatement, Observation, Patient, Resource } from '@medplum/fhirtypes';
import type { FieldIssue } from '../../preload/contract/errors.ts';
import type { ImportEntry } from '../../preload/contract/fhir.ts';
import { planAllergy } from './from-fhir/allergy.ts';
import { planAppointment } from './from-fhir/appointment.ts';
import { planContext, type PlanContext } from './from-fhir/context.ts';
import { planDocument } from './from-fhir/document.node.ts';
import { planEncounter } from './from-fhir/encounter.ts';
import { skip } from './from-fhir/entries.ts';
import { planMedication } from './from-fhir/medication.ts';
import { planPatient } from './from-fhir/patient.ts';
import { planProblem } from './from-fhir/problem.ts';
import { isPanel, isVitalSign, planVitals, type VitalsGroup } from './from-fhir/vitals.ts';
import type { ImportPlan } from './import-plan.ts';

/** Resources read as part of another one (an appointment's practitioner, room or device, a statement's medication): not reported on their own. */
const FOLDED = new Set<string>(['Practitioner', 'PractitionerRole', 'Location', 'Device', 'HealthcareService', 'Medication', 'Organization']);

const NOT_IMPORTED: Partial<Record<string, string>> = {
  ImagingStudy: 'Imaging studies come in through DICOM import, not FHIR.',
};

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; issues: FieldIssue[] };

type Indexed<T extends Resource> = { index: number; resource: T };

function ofType<T extends Resource>(entries: readonly BundleEntry<Resource>[], type: T['resourceType']): Indexed<T>[] {
  return entries.flatMap((entry, index) => (entry.resource?.resourceType === type ? [{ index, resource: entry.resource as T }] : []));
}

/** Vital signs sets: each panel with its members, then the remaining observations grouped by time and visit. */
function vitalsGroups(observations: readonly Indexed<Observation>[], context: PlanContext): { groups: (VitalsGroup & { head: Observation })[]; other: Indexed<Observation>[] } {
  const inPanel = new Set<number>();
  const groups: (VitalsGroup & { head: Observation })[] = [];
  for (const { index, resource } of observations.filter((o) => isPanel(o.resource))) {
    const members = (resource.hasMember ?? []).flatMap((member) => {
      const target = context.resolve(member);
      return target?.resource.resourceType === 'Observation' && !inPanel.has(target.index) ? [{ index: target.index, observation: target.resource as Observation }] : [];
    });
    for (const member of members) inPanel.add(member.index);
    groups.push({ index, head: resource, members });
  }
  const loose = new Map<string, VitalsGroup & { head: Observation }>();
  const other: Indexed<Observation>[] = [];
  for (const observation of observations) {
    if (inPanel.has(observation.index) || isPanel(observation.resource)) continue;
    if (!isVitalSign(observation.resource)) {
      other.push(observation);
      continue;
    }
    const key = `${observation.resource.effectiveDateTime ?? observation.index}|${observation.resource.encounter?.reference ?? ''}`;
    const group = loose.get(key) ?? { index: observation.index, head: observation.resource, members: [] };
    group.members.push({ index: observation.index, observation: observation.resource });
    loose.set(key, group);
  }
  return { groups: [...groups, ...loose.values()], other };
}

/**
 * A schema-valid bundle as an import plan: the one patient it is about, the
 * entries the store can hold, and the entries it cannot, each with why. Pure.
 */
export function bundleToPlan(bundle: Bundle): PlanResult {
  const entries = (bundle.entry ?? []) as BundleEntry<Resource>[];
  const patients = ofType<Patient>(entries, 'Patient');
  if (patients.length !== 1) {
    const message = patients.length === 0 ? 'The bundle holds no Patient.' : 'The bundle holds more than one Patient; import one patient’s chart at a time.';
    return { ok: false, issues: [{ path: '/entry', code: 'NO_PATIENT', message }] };
  }
  const patientIndex = patients[0]!.index;
  const context = planContext(entries, patientIndex);

  const coverage = ofType<Coverage>(entries, 'Coverage').find(({ resource }) => context.isPatient(resource.beneficiary));
  const planned = planPatient(entries[patientIndex] as BundleEntry<Patient>, patientIndex, coverage?.resource);
  if ('issues' in planned) return { ok: false, issues: planned.issues };
  if (coverage) planned.patient.parts.push({ index: coverage.index, resourceType: 'Coverage' });

  const plan: ImportPlan = { patient: planned.patient, appointments: [], encounters: [], vitals: [], problems: [], allergies: [], medications: [], documents: [], skipped: [] };
  const handled = new Set<number>([patientIndex, ...(coverage ? [coverage.index] : [])]);
  const take = <T,>(list: T[], result: T | ImportEntry) => {
    if (typeof result === 'object' && result !== null && 'outcome' in result) plan.skipped.push(result as ImportEntry);
    else list.push(result as T);
  };

  for (const { index, resource } of ofType<Appointment>(entries, 'Appointment')) take(plan.appointments, planAppointment({ resource }, index, context));
  for (const { index, resource } of ofType<Encounter>(entries, 'Encounter')) {
    const result = planEncounter({ resource }, index, context);
    if (result.encounter) plan.encounters.push(result.encounter);
    plan.skipped.push(...result.skipped);
  }
  for (const encounter of plan.encounters) for (const part of encounter.parts) handled.add(part.index);
  for (const skipped of plan.skipped) handled.add(skipped.index);

  for (const { index, resource } of ofType<Condition>(entries, 'Condition')) {
    if (handled.has(index)) continue;
    const diagnosis = resource.category?.some((category) => category.coding?.some((coding) => coding.code === 'encounter-diagnosis'));
    if (diagnosis) plan.skipped.push(skip(index, 'Condition', 'missing-field', 'The diagnosis belongs to no imported encounter.', '/encounter'));
    else take(plan.problems, planProblem({ resource }, index, context));
  }
  for (const { index, resource } of ofType<AllergyIntolerance>(entries, 'AllergyIntolerance')) take(plan.allergies, planAllergy({ resource }, index, context));
  for (const { index, resource } of ofType<MedicationStatement>(entries, 'MedicationStatement')) take(plan.medications, planMedication({ resource }, index, context));
  for (const { index, resource } of ofType<DocumentReference>(entries, 'DocumentReference')) take(plan.documents, planDocument({ resource }, index, context));

  const observations = ofType<Observation>(entries, 'Observation');
  const { groups, other } = vitalsGroups(
    observations.filter((o) => context.isPatient(o.resource.subject)),
    context,
  );
  for (const group of groups) {
    const result = planVitals(group, group.head, context);
    if (result.vitals) plan.vitals.push(result.vitals);
    plan.skipped.push(...result.skipped);
  }
  for (const { index } of other) plan.skipped.push(skip(index, 'Observation', 'unsupported-code', 'Only vital signs are imported among observations.', '/code'));
  for (const { index, resource } of observations) if (!context.isPatient(resource.subject)) plan.skipped.push(skip(index, 'Observation', 'not-for-patient', 'The observation is not the bundle’s patient’s.', '/subject'));
  plan.vitals.sort((a, b) => a.fields.at - b.fields.at);

  const mapped = new Set(['Patient', 'Coverage', 'Appointment', 'Encounter', 'Condition', 'AllergyIntolerance', 'MedicationStatement', 'Observation', 'DocumentReference']);
  entries.forEach((entry, index) => {
    const type = entry.resource?.resourceType;
    if (!type || mapped.has(type) || FOLDED.has(type)) return;
    plan.skipped.push(skip(index, type, 'unsupported-type', NOT_IMPORTED[type] ?? 'This kind of resource is not imported.'));
  });
  // A Coverage of someone else, or a second one, is not this patient's insurance.
  for (const { index } of ofType<Coverage>(entries, 'Coverage')) if (index !== coverage?.index) plan.skipped.push(skip(index, 'Coverage', 'not-for-patient', 'Only the patient’s first coverage is imported.'));
  return { ok: true, plan };
}
