import fc from 'fast-check';
import type { AllergyInput, DocumentInput, DocumentMediaType, EncounterInput, MedicationInput, ProblemInput, VitalsInput } from '../../../preload/contract/chart.ts';
import { ALLERGY_SEVERITIES, ALLERGY_STATUSES, DOCUMENT_KINDS, MEDICATION_ROUTES, MEDICATION_STATUSES } from '../../../preload/contract/chart.ts';
import type { PatientInput } from '../../../preload/contract/patients.ts';
import { residentId } from '../patients/helpers.ts';

const DAY = 24 * 60 * 60_000;
const SURNAMES = ['张', '王', '李', '赵', '欧阳', '司马', '单', '曾', '吕', '诸葛'];
const GIVEN = [...'三四娜伟芳秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂'];
/** Printable text with what breaks naive code: quotes, SQL, HTML, Chinese, full-width and astral characters. */
const CHARS = [...'abcXYZ019 -_.,;:!?\'"<>&/\\()[]{}%$#@*+=|~`', ...'中文病历发热咳嗽头痛', 'Ｚ', '😀', '𠀀', 'é'];

const text = (max: number, min = 0) =>
  fc
    .string({ unit: fc.constantFrom(...CHARS), minLength: min, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length >= min);
const multiline = (max: number) => fc.array(text(40), { maxLength: 4 }).map((lines) => lines.join('\n').trim().slice(0, max).trim());
const isoDate = (from: string, to: string) => fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const phone = fc.tuple(fc.constantFrom('+86 ', '', '0'), fc.stringMatching(/^1[3-9]\d{9}$/)).map(([prefix, digits]) => prefix + digits);

const chineseName = fc.tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 })).map(([family, given]) => ({ fullName: family + given.join('') }));
const latinName = fc
  .tuple(fc.stringMatching(/^[A-Z][a-z]{1,9}$/), fc.stringMatching(/^[A-Z][a-z]{1,9}$/))
  .map(([given, family]) => ({ fullName: `${given} ${family}`, familyName: family, givenName: given }));

export const patientInput: fc.Arbitrary<PatientInput> = fc
  .record({
    name: fc.oneof(chineseName, latinName),
    sex: fc.constantFrom('female', 'male', 'other', 'unknown' as const),
    birthDate: isoDate('1930-01-01', '2020-12-31'),
    phones: fc.uniqueArray(phone, { maxLength: 3 }),
    idKind: fc.constantFrom('cn-resident', 'passport', 'other', 'none' as const),
    sequence: fc.integer({ min: 100, max: 999 }),
    address: text(60),
    insurance: fc.option(fc.record({ provider: text(20, 1), number: fc.stringMatching(/^[A-Z]{2}-\d{4,8}$/) }), { nil: null }),
    emergencyContact: fc.option(fc.record({ name: text(20, 1), phone, relation: fc.option(text(8, 1), { nil: undefined }) }), { nil: null }),
    allergies: fc.constantFrom('unknown', 'none', 'has' as const),
    notes: multiline(200),
  })
  .map(({ name, idKind, sequence, emergencyContact, ...rest }) => ({
    ...name,
    ...rest,
    emergencyContact: emergencyContact && { name: emergencyContact.name, phone: emergencyContact.phone, ...(emergencyContact.relation ? { relation: emergencyContact.relation } : {}) },
    identifier:
      idKind === 'none'
        ? null
        : { type: idKind, value: idKind === 'cn-resident' ? residentId(rest.birthDate, String(sequence)) : `E${sequence}${rest.birthDate.replaceAll('-', '')}` },
  }));

const ICD10 = ['J06.9', 'R50.9', 'I10', 'E11.9', 'K29.7', 'M54.5', 'I10.X00X002', 'S72.001A', 'Z00.0'];
const diagnosis = fc.record({ code: fc.constantFrom(...ICD10), text: text(30, 1) });

/** A visit `daysAgo` days before `now`, with or without a signature and addenda. */
export const encounterInput = (now: number) =>
  fc.record({
    encounter: fc.record({
      at: fc.integer({ min: now - 3000 * DAY, max: now - DAY }),
      chiefComplaint: text(40),
      subjective: multiline(300),
      objective: multiline(300),
      assessment: multiline(300),
      plan: multiline(300),
      diagnoses: fc.uniqueArray(diagnosis, { maxLength: 4, selector: (d) => d.code }),
      orders: multiline(200),
    }) satisfies fc.Arbitrary<EncounterInput>,
    sign: fc.boolean(),
    addenda: fc.array(text(60, 1), { maxLength: 2 }),
  });

const measure = (min: number, max: number, decimals: boolean) =>
  fc.option(decimals ? fc.integer({ min: min * 10, max: max * 10 }).map((v) => v / 10) : fc.integer({ min, max }), { nil: null });

export const vitalsInput = (now: number): fc.Arbitrary<Omit<VitalsInput, 'encounterId'>> =>
  fc
    .record({
      at: fc.integer({ min: now - 3000 * DAY, max: now - DAY }),
      bp: fc.option(fc.tuple(fc.integer({ min: 41, max: 300 }), fc.integer({ min: 20, max: 200 })).filter(([s, d]) => d < s), { nil: null }),
      heartRate: measure(20, 300, false),
      temperature: measure(25, 45, true),
      spo2: measure(50, 100, false),
      respiratoryRate: measure(2, 80, false),
      height: measure(20, 272, true),
      weight: measure(1, 500, true),
    })
    .filter((v) => v.bp !== null || [v.heartRate, v.temperature, v.spo2, v.respiratoryRate, v.height, v.weight].some((x) => x !== null))
    .map(({ bp, ...rest }) => ({ ...rest, systolic: bp?.[0] ?? null, diastolic: bp?.[1] ?? null }));

export const problemInput: fc.Arbitrary<ProblemInput> = fc
  .record({ code: fc.constantFrom(...ICD10), text: text(30, 1), onset: fc.option(isoDate('1990-01-01', '2015-12-31'), { nil: null }), resolvedOn: fc.option(isoDate('2016-01-01', '2024-12-31'), { nil: null }), note: multiline(100) })
  .map(({ resolvedOn, ...rest }) => ({ ...rest, status: resolvedOn ? ('resolved' as const) : ('active' as const), resolvedOn }));

export const allergyInput: fc.Arbitrary<AllergyInput> = fc.record({
  substance: text(20, 1),
  reaction: text(30),
  severity: fc.constantFrom(...ALLERGY_SEVERITIES),
  status: fc.constantFrom(...ALLERGY_STATUSES),
  onset: fc.option(isoDate('1990-01-01', '2024-12-31'), { nil: null }),
  note: multiline(100),
});

export const medicationInput: fc.Arbitrary<MedicationInput> = fc
  .record({
    name: text(20, 1),
    dose: text(10),
    route: fc.constantFrom(...MEDICATION_ROUTES),
    frequency: text(10),
    start: fc.option(isoDate('2000-01-01', '2020-12-31'), { nil: null }),
    end: fc.option(isoDate('2021-01-01', '2030-12-31'), { nil: null }),
    status: fc.constantFrom(...MEDICATION_STATUSES),
    note: multiline(100),
  });

/** The first bytes that make a file each accepted type (main/chart/document-files.node.ts sniffs them). */
const SIGNATURES: Record<DocumentMediaType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** A document as attached: the form's fields and a file of an accepted type, any bytes after its signature. */
export const documentInput = fc.record({
  fields: fc.record({ title: text(40, 1), kind: fc.constantFrom(...DOCUMENT_KINDS), date: isoDate('2000-01-01', '2024-12-31') }) satisfies fc.Arbitrary<Omit<DocumentInput, 'encounterId'>>,
  file: fc
    .tuple(fc.constantFrom(...(Object.keys(SIGNATURES) as DocumentMediaType[])), fc.uint8Array({ maxLength: 3000 }))
    .map(([mediaType, rest]) => ({ mediaType, bytes: Uint8Array.from([...SIGNATURES[mediaType], ...rest]) })),
  encounter: fc.option(fc.nat(), { nil: null }),
});

/** A whole chart's worth of inputs. */
export const chartInputs = (now: number) =>
  fc.record({
    patient: patientInput,
    appointments: fc.uniqueArray(fc.record({ daysAgo: fc.integer({ min: 2, max: 400 }), status: fc.constantFrom('booked', 'checkIn', 'checkOut', 'cancel', 'noShow' as const), reason: text(30), room: fc.boolean() }), { maxLength: 3, selector: (a) => a.daysAgo }),
    encounters: fc.array(encounterInput(now), { maxLength: 3 }),
    vitals: fc.array(fc.record({ vitals: vitalsInput(now), encounter: fc.option(fc.nat(), { nil: null }) }), { maxLength: 4 }),
    problems: fc.array(problemInput, { maxLength: 3 }),
    allergies: fc.array(allergyInput, { maxLength: 3 }),
    medications: fc.array(medicationInput, { maxLength: 3 }),
    documents: fc.array(documentInput, { maxLength: 3 }),
  });
