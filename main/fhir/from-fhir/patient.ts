import type { BundleEntry, Coverage, HumanName, Identifier, Patient as FhirPatient } from '@medplum/fhirtypes';
import type { FieldIssue } from '../../../preload/contract/errors.ts';
import { ALLERGY_STATES, ID_TYPES, patientInputSchema } from '../../../preload/contract/patients.ts';
import type { PlannedPatient } from '../import-plan.ts';
import { EXTENSIONS, SYSTEMS } from '../systems.ts';
import { uuidOf } from './entries.ts';

type IdType = (typeof ID_TYPES)[number];

const HAN = /\p{Script=Han}/u;

function hasCode(identifier: Identifier, code: string): boolean {
  return identifier.type?.coding?.some((coding) => coding.system === SYSTEMS.identifierType && coding.code === code) ?? false;
}

/** The register's identity document: a Chinese resident ID, a passport, or another ID this product exported. */
function identityDocument(identifiers: readonly Identifier[]): { type: IdType; value: string } | null {
  const kinds: [IdType, (identifier: Identifier) => boolean][] = [
    ['cn-resident', (i) => i.system === SYSTEMS.cnResidentId || hasCode(i, 'NNCHN')],
    ['passport', (i) => i.system === SYSTEMS.passport || i.system?.startsWith('http://hl7.org/fhir/sid/passport-') === true || hasCode(i, 'PPN')],
    ['other', (i) => i.system === SYSTEMS.otherId],
  ];
  for (const [type, matches] of kinds) {
    const found = identifiers.find((identifier) => identifier.value && matches(identifier));
    if (found) return { type, value: found.value! };
  }
  return null;
}

function medicalRecordNumber(identifiers: readonly Identifier[]): PlannedPatient['mrn'] {
  const found = identifiers.find((identifier) => identifier.system && identifier.value && hasCode(identifier, 'MR'));
  return found ? { system: found.system!, value: found.value! } : null;
}

function representation(name: HumanName): string | undefined {
  return name.extension?.find((extension) => extension.url === EXTENSIONS.nameRepresentation)?.valueCode;
}

function composed(name: HumanName): string {
  const given = (name.given ?? []).join(' ');
  const family = name.family ?? '';
  // Chinese names are written family name first without a space; Latin names given name first.
  return HAN.test(family + given) ? family + given.replaceAll(' ', '') : [given, family].filter(Boolean).join(' ');
}

/** The name as registered: the ideographic one if marked, else the official one, else the first. The pinyin is derived again on import. */
function registeredName(names: readonly HumanName[]): HumanName | undefined {
  return (
    names.find((name) => representation(name) === 'IDE') ??
    names.find((name) => name.use === 'official' && representation(name) !== 'ABC') ??
    names.find((name) => representation(name) !== 'ABC') ??
    names[0]
  );
}

function addressText(patient: FhirPatient): string | undefined {
  const address = patient.address?.[0];
  if (!address) return undefined;
  return address.text ?? ([...(address.line ?? []), address.city, address.district, address.state, address.postalCode, address.country].filter(Boolean).join(', ') || undefined);
}

function emergencyContact(patient: FhirPatient) {
  const contact = patient.contact?.find((c) => c.relationship?.some((r) => r.coding?.some((coding) => coding.system === SYSTEMS.contactRelationship && coding.code === 'C'))) ?? patient.contact?.[0];
  const phone = contact?.telecom?.find((telecom) => telecom.system === 'phone' || telecom.system === 'sms')?.value;
  const name = contact?.name ? (contact.name.text ?? composed(contact.name)) : undefined;
  if (!contact || !phone || !name) return null;
  const relation = contact.relationship?.find((r) => !r.coding?.length)?.text ?? contact.relationship?.find((r) => r.text)?.text;
  return { name, phone, ...(relation ? { relation } : {}) };
}

function insurance(coverage: Coverage | undefined) {
  const provider = coverage?.payor?.[0]?.display;
  const number = coverage?.subscriberId ?? coverage?.identifier?.[0]?.value;
  return provider && number ? { provider, number } : null;
}

const FIELD_POINTERS: Record<string, string> = {
  fullName: 'name',
  familyName: 'name',
  givenName: 'name',
  sex: 'gender',
  birthDate: 'birthDate',
  phones: 'telecom',
  identifier: 'identifier',
  address: 'address',
  insurance: 'Coverage',
  emergencyContact: 'contact',
  allergies: 'extension',
  notes: 'extension',
};

/**
 * The Patient entry as a registration: checked by the same schema as the
 * registration form, so an import can hold nothing a registrar could not type.
 */
export function planPatient(entry: BundleEntry<FhirPatient>, index: number, coverage: Coverage | undefined): { patient: PlannedPatient } | { issues: FieldIssue[] } {
  const resource = entry.resource!;
  const name = registeredName(resource.name ?? []);
  const allergy = resource.extension?.find((extension) => extension.url === EXTENSIONS.allergyStatus)?.valueCode;
  const candidate = {
    fullName: name ? (name.text ?? composed(name)) : '',
    ...(name?.family ? { familyName: name.family } : {}),
    ...(name?.given?.length ? { givenName: name.given.join(' ') } : {}),
    sex: resource.gender ?? 'unknown',
    birthDate: resource.birthDate ?? '',
    phones: [...(resource.telecom ?? [])]
      .filter((telecom) => (telecom.system === 'phone' || telecom.system === 'sms') && telecom.value)
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
      .map((telecom) => telecom.value!)
      .filter((value, i, all) => all.indexOf(value) === i),
    identifier: identityDocument(resource.identifier ?? []),
    ...(addressText(resource) ? { address: addressText(resource) } : {}),
    insurance: insurance(coverage),
    emergencyContact: emergencyContact(resource),
    allergies: (ALLERGY_STATES as readonly string[]).includes(allergy ?? '') ? allergy : 'unknown',
    ...(resource.extension?.find((extension) => extension.url === EXTENSIONS.patientNotes)?.valueString
      ? { notes: resource.extension.find((extension) => extension.url === EXTENSIONS.patientNotes)!.valueString }
      : {}),
  };
  const parsed = patientInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return { path: `/entry/${index}/resource/${FIELD_POINTERS[field] ?? field}`, code: 'PATIENT', message: `${issue.path.join('.')}: ${issue.message}` };
      }),
    };
  }
  return { patient: { index, parts: [], id: uuidOf(entry), mrn: medicalRecordNumber(resource.identifier ?? []), fields: parsed.data } };
}
