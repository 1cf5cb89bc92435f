import type { z } from 'zod';
import type { ImportField, ImportIssue, ImportMapping } from '../../../preload/contract/patient-import.ts';
import { patientInputSchema, type PatientInput } from '../../../preload/contract/patients.ts';
import { checkCnResidentId, cnResidentIdBirthDate } from '../../../preload/contract/validators/cn-resident-id.ts';
import type { PatientFields } from '../rows.node.ts';
import { readBirthDate } from './birth-dates.ts';
import { allergiesOf, idTypeOf, looksLikeFormula, phonesOf, sexOf } from './cell-values.ts';
import type { CsvRecord } from './parse.ts';

/** A file row mapped to a registration and checked by the same schema as `patients.register`. */
export interface ValidatedRow {
  row: number;
  line: number;
  /** For the preview and report, as written (shortened if absurdly long). */
  fullName: string;
  birthDate: string;
  /** The registration when every rule passed; null otherwise. */
  fields: PatientFields | null;
  /** A record number carried over from the old system (upper case); null to number it as a registration would. */
  mrn: string | null;
  issues: ImportIssue[];
  warnings: ImportIssue[];
}

const DISPLAY_LENGTH = 100;
const MRN_SHAPE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;

/** Where a registration field's problems show: the import field its column was mapped to. */
const FIELD_OF_PATH: Readonly<Record<string, ImportField>> = {
  fullName: 'fullName',
  familyName: 'familyName',
  givenName: 'givenName',
  sex: 'sex',
  birthDate: 'birthDate',
  phones: 'phone',
  identifier: 'idValue',
  'identifier.type': 'idType',
  'identifier.value': 'idValue',
  address: 'address',
  insurance: 'insuranceProvider',
  'insurance.provider': 'insuranceProvider',
  'insurance.number': 'insuranceNumber',
  emergencyContact: 'emergencyName',
  'emergencyContact.name': 'emergencyName',
  'emergencyContact.phone': 'emergencyPhone',
  'emergencyContact.relation': 'emergencyRelation',
  allergies: 'allergies',
  notes: 'notes',
};

function fieldOfPath(path: readonly PropertyKey[]): ImportField | null {
  const parts = path.filter((part) => typeof part === 'string');
  return FIELD_OF_PATH[parts.join('.')] ?? FIELD_OF_PATH[parts[0] ?? ''] ?? null;
}

/** Zod's rule names as the import's issue codes; the registration's own refinements carry a reason. */
function codeOf(issue: z.core.$ZodIssue, blank: boolean): string {
  if (issue.code === 'custom') return String((issue.params as { reason?: unknown } | undefined)?.reason ?? 'invalid');
  if (blank) return 'required';
  if (issue.code === 'too_big') return 'tooLong';
  if (issue.code === 'too_small' || issue.code === 'invalid_type') return 'required';
  if (issue.code === 'invalid_format') return 'format';
  return 'invalid';
}

export function validateRows(records: readonly CsvRecord[], mapping: ImportMapping): ValidatedRow[] {
  return records.map((record) => validateRow(record, mapping));
}

function validateRow(record: CsvRecord, mapping: ImportMapping): ValidatedRow {
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const cellsOf = (field: ImportField) => mapping.flatMap((target, column) => (target === field ? [record.cells[column] ?? ''] : []));
  const cell = (field: ImportField) => cellsOf(field)[0] ?? '';
  const blank = (field: ImportField) => cell(field).trim() === '';
  const optional = (field: ImportField) => (blank(field) ? undefined : cell(field));

  if (record.problem) issues.push({ field: null, code: record.problem });
  if (record.cells.slice(mapping.length).some((extra) => extra.trim() !== '')) issues.push({ field: null, code: 'columns' });
  mapping.forEach((field, column) => {
    if (field && looksLikeFormula(record.cells[column] ?? '')) warnings.push({ field, code: 'formula' });
  });

  const idValue = cell('idValue').trim();
  const idType = idValue ? idTypeOf(mapping.includes('idType') ? cell('idType') : undefined, idValue) : undefined;
  if (idValue && !idType) issues.push({ field: 'idType', code: 'unrecognised' });
  // As on the registration form, a valid resident ID fills in a missing birth date and sex.
  const residentId = idType === 'cn-resident' && checkCnResidentId(idValue) === null ? idValue.toUpperCase() : null;

  let sex = sexOf(cell('sex'));
  if (sex === undefined) issues.push({ field: 'sex', code: 'unrecognised' });
  if ((sex === undefined || sex === 'unknown') && blank('sex') && residentId) sex = Number(residentId[16]) % 2 === 1 ? 'male' : 'female';
  const allergies = allergiesOf(cell('allergies'));
  if (allergies === undefined) issues.push({ field: 'allergies', code: 'unrecognised' });
  const reading = blank('birthDate') && residentId ? { date: cnResidentIdBirthDate(residentId) ?? '' } : readBirthDate(cell('birthDate'));
  // An ambiguous date is reported as such, never guessed; the cell is shown as written.
  if ('ambiguous' in reading) issues.push({ field: 'birthDate', code: 'ambiguousDate' });
  const birthDate = 'date' in reading ? reading.date : 'unread' in reading ? reading.unread : cell('birthDate').trim();
  const phones = cellsOf('phone').flatMap(phonesOf);
  if (phones.length > 3) issues.push({ field: 'phone', code: 'tooManyPhones' });
  const mrn = blank('mrn') ? null : cell('mrn').normalize('NFKC').trim().toUpperCase();
  if (mrn !== null && !MRN_SHAPE.test(mrn)) issues.push({ field: 'mrn', code: 'format' });

  const insurance = blank('insuranceProvider') && blank('insuranceNumber') ? null : { provider: cell('insuranceProvider'), number: cell('insuranceNumber') };
  const contact = blank('emergencyName') && blank('emergencyPhone') ? null : { name: cell('emergencyName'), phone: cell('emergencyPhone'), relation: optional('emergencyRelation') };
  const input: PatientInput = {
    fullName: cell('fullName'),
    familyName: optional('familyName'),
    givenName: optional('givenName'),
    sex: sex ?? 'unknown',
    birthDate,
    phones: phones.slice(0, 3),
    identifier: idValue ? { type: idType ?? 'other', value: idType === 'cn-resident' ? idValue.toUpperCase() : idValue } : null,
    address: optional('address'),
    insurance,
    emergencyContact: contact,
    allergies: allergies ?? 'unknown',
    notes: optional('notes'),
  };

  const parsed = patientInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      const code = codeOf(issue, field !== null && field !== 'phone' && blank(field));
      if (!issues.some((known) => known.field === field && (known.code === code || known.code === 'ambiguousDate'))) issues.push({ field, code });
    }
  }
  return {
    row: record.row,
    line: record.line,
    fullName: cell('fullName').trim().slice(0, DISPLAY_LENGTH),
    birthDate: birthDate.slice(0, DISPLAY_LENGTH),
    fields: parsed.success && issues.length === 0 ? parsed.data : null,
    mrn,
    issues,
    warnings,
  };
}
