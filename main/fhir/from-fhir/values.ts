import type { Annotation, CodeableConcept, Coding, Extension } from '@medplum/fhirtypes';
import type { Author } from '../../../preload/contract/chart.ts';
import { SYSTEMS } from '../systems.ts';

/** ICD-10 and its national modifications (WHO, CM, the Chinese clinical edition's system names). */
const ICD10_SYSTEMS = new Set<string>([SYSTEMS.icd10, 'http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10-cn', 'urn:oid:2.16.840.1.113883.6.3']);

export function icd10Coding(concept: CodeableConcept | undefined): Coding | undefined {
  return concept?.coding?.find((coding) => coding.system !== undefined && ICD10_SYSTEMS.has(coding.system) && coding.code);
}

/** A concept's words: its text, else its first coding's display. */
export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text ?? concept?.coding?.find((coding) => coding.display)?.display;
}

export function codeIn(concept: CodeableConcept | undefined, system: string): string | undefined {
  return concept?.coding?.find((coding) => coding.system === system)?.code;
}

/** The calendar date of a FHIR date or dateTime (YYYY-MM-DD…); null for a year or month alone. */
export function dateOnly(value: string | undefined): string | null {
  return value && /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : null;
}

export function notesText(notes: readonly Annotation[] | undefined): string {
  return (notes ?? []).map((note) => note.text).join('\n\n');
}

/** Someone named by a reference's display only: this workstation has no account for them. */
export function named(name: string | undefined): Author | null {
  return name ? { userId: null, name } : null;
}

export function extensionOf(extensions: readonly Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((extension) => extension.url === url);
}
