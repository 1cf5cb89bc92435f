import type { BundleEntry, Condition, Encounter as FhirEncounter, Extension } from '@medplum/fhirtypes';
import { encounterInputSchema, type Author } from '../../../preload/contract/chart.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import type { PlannedEncounter } from '../import-plan.ts';
import { EXTENSIONS } from '../systems.ts';
import { fromInstant } from '../time.ts';
import { part } from '../to-fhir/extensions.ts';
import type { PlanContext } from './context.ts';
import { skip } from './entries.ts';
import { invalid } from './invalid.ts';
import { conceptText, extensionOf, icd10Coding, named } from './values.ts';

const POINTERS: Record<string, string> = {
  at: '/period/start',
  appointmentId: '/appointment',
  chiefComplaint: '/reasonCode',
  diagnoses: '/diagnosis',
  subjective: '/extension',
  objective: '/extension',
  assessment: '/extension',
  plan: '/extension',
  orders: '/extension',
};

const stringPart = (extension: Extension | undefined, name: string) => part(extension, name)?.valueString ?? '';

/** An encounter's diagnoses: the Conditions it ranks, in rank order, that carry an ICD-10 code. */
function diagnoses(resource: FhirEncounter, context: PlanContext) {
  const ranked = [...(resource.diagnosis ?? [])].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const found: { code: string; text: string; index: number }[] = [];
  const skipped: ImportEntry[] = [];
  for (const diagnosis of ranked) {
    const target = context.resolve(diagnosis.condition);
    if (target?.resource.resourceType !== 'Condition') continue;
    const condition = target.resource as Condition;
    const coding = icd10Coding(condition.code);
    if (!coding) skipped.push(skip(target.index, 'Condition', 'unsupported-code', 'The diagnosis has no ICD-10 code.', '/code'));
    else if (!found.some((d) => d.code === coding.code!.toUpperCase())) found.push({ code: coding.code!.toUpperCase(), text: conceptText(condition.code) ?? coding.code!, index: target.index });
  }
  return { found, skipped };
}

/**
 * A visit: an Encounter of the patient with a start, its note from this
 * product's extensions (or empty from other systems), its ranked ICD-10
 * diagnoses. A finished encounter is a signed note; any other is a draft.
 */
export function planEncounter(entry: BundleEntry<FhirEncounter>, index: number, context: PlanContext): { encounter?: PlannedEncounter; skipped: ImportEntry[] } {
  const resource = entry.resource!;
  const type = 'Encounter';
  if (!context.isPatient(resource.subject)) return { skipped: [skip(index, type, 'not-for-patient', 'The encounter is not the bundle’s patient’s.', '/subject')] };
  const at = fromInstant(resource.period?.start);
  if (at === null) return { skipped: [skip(index, type, 'missing-field', 'The encounter has no start time.', '/period/start')] };

  const note = extensionOf(resource.extension, EXTENSIONS.visitNote);
  const coded = diagnoses(resource, context);
  const appointment = context.resolve(resource.appointment?.[0]);
  const parsed = encounterInputSchema.safeParse({
    at,
    appointmentId: appointment?.resource.resourceType === 'Appointment' ? appointment.id : null,
    chiefComplaint: conceptText(resource.reasonCode?.[0]) ?? '',
    subjective: stringPart(note, 'subjective'),
    objective: stringPart(note, 'objective'),
    assessment: stringPart(note, 'assessment'),
    plan: stringPart(note, 'plan'),
    orders: stringPart(note, 'orders'),
    diagnoses: coded.found.map(({ code, text }) => ({ code, text })),
  });
  if (!parsed.success) return { skipped: [invalid(index, type, parsed.error, POINTERS), ...coded.skipped] };

  const providerName = resource.participant?.find((participant) => participant.individual?.display)?.individual?.display ?? '';
  const author = named(extensionOf(resource.extension, EXTENSIONS.noteAuthor)?.valueString) ?? named(providerName);
  const signed = extensionOf(resource.extension, EXTENSIONS.noteSigned);
  const status = resource.status === 'finished' ? 'signed' : 'draft';
  const addenda = (resource.extension ?? [])
    .filter((extension) => extension.url === EXTENSIONS.noteAddendum)
    .flatMap((extension) => {
      const text = part(extension, 'text')?.valueString;
      const addedAt = fromInstant(part(extension, 'at')?.valueDateTime);
      if (!text || addedAt === null) return [];
      const by: Author = named(part(extension, 'by')?.valueString) ?? { userId: null, name: '' };
      return [{ id: extension.id && /^[0-9a-f-]{36}$/.test(extension.id) ? extension.id : crypto.randomUUID(), text, at: addedAt, author: by }];
    });
  return {
    encounter: {
      index,
      parts: coded.found.map((diagnosis) => ({ index: diagnosis.index, resourceType: 'Condition' })),
      id: context.idAt(index),
      fields: parsed.data,
      providerName,
      author,
      status,
      signedAt: status === 'signed' ? (fromInstant(part(signed, 'at')?.valueDateTime) ?? fromInstant(resource.period?.end) ?? at) : null,
      signedBy: status === 'signed' ? (named(part(signed, 'by')?.valueString) ?? author) : null,
      addenda,
      createdAt: null,
    },
    skipped: coded.skipped,
  };
}
