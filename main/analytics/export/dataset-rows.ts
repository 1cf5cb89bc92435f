import type { Resource } from '@medplum/fhirtypes';

/** The CSV columns: enough for a statistics package, the same for every resource type. */
export const CSV_COLUMNS = ['id', 'patient', 'date', 'status', 'system', 'code', 'display', 'value', 'unit', 'text'] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;
type Loose = Record<string, any>;

const first = (...values: unknown[]): string => {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return '';
};

/** One flat row of a de-identified resource: its pseudonymous ids, main date, code and value. */
export function csvRow(resource: Resource): Row {
  const r = resource as Loose;
  const coding = (r.code ?? r.medicationCodeableConcept ?? r.class ?? r.type?.[0] ?? {})?.coding?.[0] ?? (r.class?.code ? r.class : {});
  const subject = first(r.subject?.reference, r.patient?.reference, r.beneficiary?.reference, r.participant?.find?.((p: Loose) => p.actor?.reference?.startsWith('Patient'))?.actor?.reference);
  const quantity = r.valueQuantity ?? {};
  const components = Array.isArray(r.component)
    ? r.component.map((c: Loose) => `${c.code?.coding?.[0]?.code ?? ''}=${c.valueQuantity?.value ?? ''}`).join(' ')
    : '';
  return {
    id: r.id ?? '',
    patient: resource.resourceType === 'Patient' ? (r.id ?? '') : subject.replace(/^(urn:uuid:|Patient\/)/, ''),
    date: first(r.effectiveDateTime, r.period?.start, r.onsetDateTime, r.recordedDate, r.start, r.date, r.effectivePeriod?.start, r.birthDate, r.started),
    status: first(r.status, r.clinicalStatus?.coding?.[0]?.code, resource.resourceType === 'Patient' ? r.gender : ''),
    system: first(coding.system),
    code: first(coding.code),
    display: first(coding.display, r.code?.text),
    value: quantity.value !== undefined ? String(quantity.value) : first(r.valueString, components, r.extension?.[0]?.valueString),
    unit: first(quantity.unit, quantity.code),
    text: first(r.reasonCode?.[0]?.text, r.note?.[0]?.text, r.description),
  };
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvLine(values: readonly string[]): string {
  return values
    .map((value) => {
      const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
      return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(',');
}
