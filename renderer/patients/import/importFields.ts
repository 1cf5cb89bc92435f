import type { ImportField, ImportIssue, ImportMapping } from '../../../preload/contract/patient-import.ts';
import type { TFunction } from 'i18next';

/** Every mapping target in the order the mapping menu lists them (a complete record, checked by the compiler; zod stays out of the bundle). */
export const IMPORT_FIELD_LIST = Object.keys({
  fullName: true,
  familyName: true,
  givenName: true,
  sex: true,
  birthDate: true,
  phone: true,
  idType: true,
  idValue: true,
  address: true,
  insuranceProvider: true,
  insuranceNumber: true,
  emergencyName: true,
  emergencyPhone: true,
  emergencyRelation: true,
  allergies: true,
  notes: true,
  mrn: true,
} satisfies Record<ImportField, true>) as ImportField[];

const MAX_PHONES = 3;

export type MappingProblem = { kind: 'missing'; field: ImportField } | { kind: 'repeated'; field: ImportField };

/** The mapping rules main checks too (preload/contract/patient-import.ts), for saying so before sending. */
export function mappingProblems(mapping: ImportMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const uses = (field: ImportField) => mapping.filter((target) => target === field).length;
  if (uses('fullName') === 0) problems.push({ kind: 'missing', field: 'fullName' });
  if (uses('birthDate') === 0 && uses('idValue') === 0) problems.push({ kind: 'missing', field: 'birthDate' });
  for (const field of IMPORT_FIELD_LIST) if (uses(field) > (field === 'phone' ? MAX_PHONES : 1)) problems.push({ kind: 'repeated', field });
  return problems;
}

const ISSUE_CODES = [
  'required',
  'tooLong',
  'format',
  'invalid',
  'unrecognised',
  'tooManyPhones',
  'columns',
  'quotes',
  'future',
  'tooEarly',
  'idMismatch',
  'birthDate',
  'checkDigit',
  'formula',
] as const;
type IssueCode = (typeof ISSUE_CODES)[number];

/** "Birth date: in the future"; a row-wide problem has no field. */
export function issueText(t: TFunction, issue: ImportIssue): string {
  const code: IssueCode = ISSUE_CODES.includes(issue.code as IssueCode) ? (issue.code as IssueCode) : 'invalid';
  const text = t(`patientImport.issues.${code}`);
  return issue.field ? `${t(`patientImport.fields.${issue.field}`)}: ${text}` : text;
}
