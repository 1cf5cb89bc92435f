import dayjs, { type Dayjs } from 'dayjs';
import type { Patient, PatientInput } from '../../../preload/contract/patients.ts';
import type { AllergyState, IdType, Sex } from '../patientEnums.ts';

/** The form's fields, named after the request's keys so main's field paths find them; shaped as after validation. */
export interface PatientFormValues {
  fullName: string;
  familyName?: string;
  givenName?: string;
  sex: Sex;
  birthDate: Dayjs;
  phones: string[];
  identifier: { type: IdType; value?: string };
  address?: string;
  insurance: { provider?: string; number?: string };
  emergencyContact: { name?: string; phone?: string; relation?: string };
  allergies: AllergyState;
  notes?: string;
}

export const BIRTH_DATE_FORMAT = 'YYYY-MM-DD';

/** A new registration: one phone line to type into, resident ID as the usual document, allergies not yet asked. */
export const NEW_PATIENT_VALUES: Partial<PatientFormValues> = { phones: [''], identifier: { type: 'cn-resident' }, allergies: 'unknown' };

const filled = (text: string | undefined) => text?.trim() || undefined;

/** The request body: blank optional fields and half-empty groups are left out rather than sent empty. */
export function toPatientInput(values: PatientFormValues): PatientInput {
  const idValue = filled(values.identifier.value);
  const provider = filled(values.insurance.provider);
  const number = filled(values.insurance.number);
  const contactName = filled(values.emergencyContact.name);
  const contactPhone = filled(values.emergencyContact.phone);
  return {
    fullName: values.fullName.trim(),
    familyName: filled(values.familyName),
    givenName: filled(values.givenName),
    sex: values.sex,
    birthDate: values.birthDate.format(BIRTH_DATE_FORMAT),
    phones: values.phones.map((phone) => phone.trim()).filter(Boolean),
    identifier: idValue ? { type: values.identifier.type, value: values.identifier.type === 'cn-resident' ? idValue.toUpperCase() : idValue } : null,
    address: filled(values.address),
    insurance: provider && number ? { provider, number } : null,
    emergencyContact: contactName && contactPhone ? { name: contactName, phone: contactPhone, relation: filled(values.emergencyContact.relation) } : null,
    allergies: values.allergies,
    notes: filled(values.notes),
  };
}

/** A saved patient as the edit form's starting values. */
export function toFormValues(patient: Patient): PatientFormValues {
  return {
    fullName: patient.fullName,
    familyName: patient.familyName ?? undefined,
    givenName: patient.givenName ?? undefined,
    sex: patient.sex,
    birthDate: dayjs(patient.birthDate),
    phones: patient.phones.length > 0 ? patient.phones : [''],
    identifier: patient.identifier ?? { type: 'cn-resident' },
    address: patient.address ?? undefined,
    insurance: patient.insurance ?? {},
    emergencyContact: patient.emergencyContact ? { ...patient.emergencyContact, relation: patient.emergencyContact.relation ?? undefined } : {},
    allergies: patient.allergies,
    notes: patient.notes ?? undefined,
  };
}

// Main names fields by their path in the request (`patient.identifier.value`); the form by the path inside `patient`.
const FIELD_PATHS = [
  'fullName',
  'familyName',
  'givenName',
  'sex',
  'birthDate',
  'phones.0',
  'phones.1',
  'phones.2',
  'identifier.type',
  'identifier.value',
  'address',
  'insurance.provider',
  'insurance.number',
  'emergencyContact.name',
  'emergencyContact.phone',
  'emergencyContact.relation',
  'allergies',
  'notes',
];
export const PATIENT_FIELD_NAMES: Readonly<Record<string, string>> = Object.fromEntries(FIELD_PATHS.map((path) => [`patient.${path}`, path]));
