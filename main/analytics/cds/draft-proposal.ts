import { ALLERGY_SEVERITIES, ALLERGY_STATUSES, MEDICATION_ROUTES, MEDICATION_STATUSES, type MedicationFields } from '../../../preload/contract/chart.ts';
import type { DraftProposal } from '../../../preload/contract/analytics.ts';
import { ROUTE_CODES } from '../../fhir/to-fhir/medication.ts';
import { shiftFhirDate } from '../deidentify/shift-date.ts';

type Loose = Record<string, any>;
type Concept = { text?: unknown; coding?: Array<{ system?: unknown; code?: unknown; display?: unknown }> } | undefined;

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const codingOf = (concept: Concept) => (Array.isArray(concept?.coding) ? concept.coding : []);
/** A concept's words: its text, else its first coding's display, else its code. */
const wordsOf = (concept: Concept): string => str(concept?.text) || str(codingOf(concept)[0]?.display) || str(codingOf(concept)[0]?.code);
const notesOf = (resource: Loose): string => (Array.isArray(resource.note) ? resource.note.map((note: Loose) => str(note?.text)).filter(Boolean).join('\n') : '');
const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

/** A full date on the patient's own time line: the service saw this patient's dates shifted by `shiftDays`. Partial dates give none. */
function ownDate(value: unknown, shiftDays: number): string | null {
  const date = str(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return null;
  return shiftFhirDate(date.slice(0, 10), -shiftDays);
}

/** The chart's route for each SNOMED CT route code, from the table FHIR export codes routes with. */
const SNOMED_ROUTES = new Map(Object.entries(ROUTE_CODES).flatMap(([route, coded]) => (coded ? [[coded.code, route as MedicationFields['route']] as const] : [])));

function routeOf(concept: Concept): MedicationFields['route'] {
  if (!concept) return 'oral';
  for (const coding of codingOf(concept)) {
    const known = SNOMED_ROUTES.get(str(coding.code));
    if (known) return known;
  }
  const words = wordsOf(concept).toLowerCase();
  return MEDICATION_ROUTES.find((route) => route !== 'other' && words.includes(route)) ?? 'other';
}

function doseOf(dosage: Loose | undefined): string {
  const quantity = dosage?.doseAndRate?.[0]?.doseQuantity;
  if (quantity && typeof quantity.value === 'number') return [String(quantity.value), str(quantity.unit) || str(quantity.code)].filter(Boolean).join(' ');
  return '';
}

function frequencyOf(dosage: Loose | undefined): string {
  const timing = dosage?.timing;
  const named = wordsOf(timing?.code);
  if (named) return named;
  const repeat = timing?.repeat;
  if (repeat && typeof repeat.frequency === 'number' && typeof repeat.period === 'number' && typeof repeat.periodUnit === 'string') {
    return `${repeat.frequency}/${repeat.period === 1 ? '' : repeat.period}${repeat.periodUnit}`;
  }
  return str(dosage?.text);
}

/**
 * The chart entry a card's proposed FHIR resource stands for, for the
 * physician to check and complete: Condition → problem, MedicationRequest or
 * MedicationStatement → medication, AllergyIntolerance → allergy; null for
 * anything else. Unchecked: the chart's schemas judge it when it is applied.
 */
export function draftProposal(resource: Loose, shiftDays: number): DraftProposal | null {
  switch (resource.resourceType) {
    case 'Condition': {
      const codings = codingOf(resource.code);
      // Only an ICD-10 coding fills the code; another system's (SNOMED CT) is left for the physician to code.
      const icd10 = codings.find((coding) => /icd-?10/i.test(str(coding.system)));
      const clinical = str(codingOf(resource.clinicalStatus)[0]?.code);
      const resolved = clinical === 'resolved' || clinical === 'inactive' || clinical === 'remission';
      return {
        kind: 'problem',
        problem: {
          code: str(icd10?.code),
          text: str(resource.code?.text) || str(icd10?.display) || wordsOf(resource.code),
          onset: ownDate(resource.onsetDateTime, shiftDays),
          status: resolved ? 'resolved' : 'active',
          resolvedOn: resolved ? ownDate(resource.abatementDateTime, shiftDays) : null,
          note: notesOf(resource),
        },
      };
    }
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const dosage: Loose | undefined = (resource.dosageInstruction ?? resource.dosage)?.[0];
      const statement = resource.resourceType === 'MedicationStatement';
      return {
        kind: 'medication',
        medication: {
          name: wordsOf(resource.medicationCodeableConcept),
          dose: doseOf(dosage),
          route: routeOf(dosage?.route),
          frequency: frequencyOf(dosage),
          start: statement ? ownDate(resource.effectivePeriod?.start ?? resource.effectiveDateTime, shiftDays) : null,
          end: statement ? ownDate(resource.effectivePeriod?.end, shiftDays) : null,
          // A proposal is usually `draft`: it becomes active when applied.
          status: oneOf(MEDICATION_STATUSES, resource.status, 'active'),
          note: [str(dosage?.text), notesOf(resource)].filter(Boolean).join('\n'),
        },
      };
    }
    case 'AllergyIntolerance': {
      const reaction: Loose | undefined = resource.reaction?.[0];
      const manifestations: Concept[] = Array.isArray(reaction?.manifestation) ? reaction.manifestation : [];
      return {
        kind: 'allergy',
        allergy: {
          substance: wordsOf(resource.code) || wordsOf(reaction?.substance),
          reaction: manifestations.map(wordsOf).filter(Boolean).join(', '),
          severity: oneOf(ALLERGY_SEVERITIES, reaction?.severity, resource.criticality === 'high' ? 'severe' : 'unknown'),
          status: oneOf(ALLERGY_STATUSES, codingOf(resource.clinicalStatus)[0]?.code, 'active'),
          onset: ownDate(resource.onsetDateTime, shiftDays),
          note: notesOf(resource),
        },
      };
    }
    default:
      return null;
  }
}
