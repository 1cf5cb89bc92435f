import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftProposal } from '../../../main/analytics/cds/draft-proposal.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import type { CdsCard, CdsDraft, DraftProposal } from '../../../preload/contract/analytics.ts';
import type { TestClinic } from '../helpers/clinic.ts';
import { analyticsClinic } from './helpers.ts';

const SHIFT_DAYS = 40;

/** A card as a CDS service would send it: three suggestions, each creating one resource, with dates on the shifted time line. */
const CARD: CdsCard = {
  summary: 'Review hypertension, its treatment and a reported allergy',
  indicator: 'warning',
  source: { label: 'Test CDS service' },
  suggestions: [
    {
      label: 'Add hypertension',
      isRecommended: true,
      actions: [
        {
          type: 'create',
          resource: {
            resourceType: 'Condition',
            subject: { reference: 'Patient/pseudonym-1' },
            code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003' }, { system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Essential (primary) hypertension' }] },
            clinicalStatus: { coding: [{ code: 'active' }] },
            onsetDateTime: '2026-02-20',
            note: [{ text: 'Two readings above 140/90' }],
          },
        },
      ],
    },
    {
      label: 'Start amlodipine',
      actions: [
        {
          type: 'create',
          resource: {
            resourceType: 'MedicationRequest',
            status: 'draft',
            medicationCodeableConcept: { text: 'Amlodipine 5 mg tablet' },
            dosageInstruction: [{ route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] }, doseAndRate: [{ doseQuantity: { value: 5, unit: 'mg' } }], timing: { code: { text: 'once daily' } } }],
          },
        },
      ],
    },
    {
      label: 'Record penicillin allergy',
      actions: [
        {
          type: 'create',
          resource: {
            resourceType: 'AllergyIntolerance',
            code: { coding: [{ display: 'Penicillin' }] },
            reaction: [{ manifestation: [{ text: 'Rash' }, { coding: [{ display: 'Itching' }] }], severity: 'moderate' }],
          },
        },
        { type: 'create', resource: { resourceType: 'ServiceRequest', code: { text: 'Renal panel' } } },
      ],
    },
  ],
};

/** The draft's proposal, which must be of this kind. */
function proposed<K extends DraftProposal['kind']>(draft: CdsDraft, kind: K): Extract<DraftProposal, { kind: K }> {
  expect(draft.proposal?.kind).toBe(kind);
  return draft.proposal as Extract<DraftProposal, { kind: K }>;
}

describe('draft proposals', () => {
  it('reads each proposed resource as the chart entry it stands for, dates moved back to the patient’s own time line', () => {
    const [condition, medication, allergy] = CARD.suggestions!.map((suggestion) => suggestion.actions![0]!.resource!);
    expect(draftProposal(condition!, SHIFT_DAYS)).toEqual({
      kind: 'problem',
      problem: { code: 'I10', text: 'Essential (primary) hypertension', onset: '2026-01-11', status: 'active', resolvedOn: null, note: 'Two readings above 140/90' },
    });
    expect(draftProposal(medication!, SHIFT_DAYS)).toEqual({
      kind: 'medication',
      medication: { name: 'Amlodipine 5 mg tablet', dose: '5 mg', route: 'oral', frequency: 'once daily', start: null, end: null, status: 'active', note: '' },
    });
    expect(draftProposal(allergy!, SHIFT_DAYS)).toEqual({
      kind: 'allergy',
      allergy: { substance: 'Penicillin', reaction: 'Rash, Itching', severity: 'moderate', status: 'active', onset: null, note: '' },
    });
    expect(draftProposal({ resourceType: 'ServiceRequest' }, SHIFT_DAYS)).toBeNull();
    // Only an ICD-10 coding fills the code; a SNOMED CT one leaves it for the physician, its words kept.
    expect(draftProposal({ resourceType: 'Condition', code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertensive disorder' }] } }, 0)).toMatchObject({
      problem: { code: '', text: 'Hypertensive disorder' },
    });
    // A resolved condition keeps its resolution date; a partial date is left for the physician.
    expect(draftProposal({ resourceType: 'Condition', code: { text: 'Flu' }, clinicalStatus: { coding: [{ code: 'resolved' }] }, abatementDateTime: '2026-03-01T08:00:00Z', onsetDateTime: '2026-02' }, -10)).toMatchObject({
      problem: { code: '', text: 'Flu', status: 'resolved', resolvedOn: '2026-03-11', onset: null },
    });
  });
});

describe('reviewing CDS drafts into the chart', () => {
  let clinic: TestClinic;
  let patientId: string;
  let cardId: string;

  beforeEach(async () => {
    clinic = await analyticsClinic();
    patientId = (await clinic.ok('a', 'patients.register', { patient: { fullName: '王小明', sex: 'male', birthDate: '1960-05-01' }, confirmedNotDuplicate: true })).id;
    // The card as the sync worker stores it after a call; the patient's shift as the call's de-identification drew it.
    const now = clinic.clock.now();
    const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
    try {
      db.prepare("INSERT INTO cds_servers (id, name, base_url, created_at, updated_at) VALUES ('srv', 'Advisor', 'http://127.0.0.1:9', ?, ?)").run([now, now]);
      db.prepare("INSERT INTO cds_requests (id, server_id, service_id, hook, patient_id, body, status, next_attempt_at, created_at) VALUES ('req', 'srv', 'bp', 'patient-view', ?, '{}', 'done', ?, ?)").run([patientId, now, now]);
      db.prepare("INSERT INTO cds_cards (id, request_id, patient_id, server_id, service_id, card, received_at) VALUES ('card', 'req', ?, 'srv', 'bp', ?, ?)").run([patientId, JSON.stringify(CARD), now]);
      db.prepare('INSERT INTO deid_date_shifts (patient_id, shift_days, created_at) VALUES (?, ?, ?)').run([patientId, SHIFT_DAYS, now]);
    } finally {
      db.close();
    }
    cardId = 'card';
  }, 60_000);

  afterEach(() => clinic.cleanup());

  const draftsOfSuggestion = async (suggestion: number) => {
    await clinic.ok('p', 'analytics.cds.cards.accept', { cardId, suggestion });
    return clinic.ok('p', 'analytics.cds.drafts', { patientId });
  };

  it('applies an edited draft as a problem, with its audit entry and replicated change, once', async () => {
    const [draft] = await draftsOfSuggestion(0);
    expect(draft).toMatchObject({ status: 'draft', resourceType: 'Condition', proposal: { kind: 'problem', problem: { code: 'I10', onset: '2026-01-11' } }, createdByName: 'drwang' });

    const edited = { ...proposed(draft!, 'problem').problem, text: '原发性高血压' };
    const applied = await clinic.ok('p', 'analytics.cds.drafts.apply', { draftId: draft!.id, entry: { kind: 'problem', problem: edited } });
    expect(applied).toMatchObject({ status: 'applied', reviewedByName: 'drwang', applied: { kind: 'problem', id: expect.any(String) } });

    const chart = await clinic.ok('p', 'chart.get', { patientId });
    expect(chart.problems).toMatchObject([{ id: applied.applied!.id, code: 'I10', text: '原发性高血压', onset: '2026-01-11', note: 'Two readings above 140/90', recordedBy: { name: 'drwang' } }]);

    const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
    try {
      const change = db.prepare("SELECT op, fields FROM outbox WHERE entity = 'problem' AND entity_id = ?").get<{ op: string; fields: string }>([applied.applied!.id]);
      expect(change?.op).toBe('upsert');
      expect(JSON.parse(change!.fields)).toMatchObject({ code: 'I10', text: '原发性高血压', patientId });
    } finally {
      db.close();
    }
    const audit = await clinic.ok('a', 'audit.query', { limit: 50 });
    const kinds = audit.entries.filter((entry) => entry.patientId === patientId).map((entry) => `${entry.action}:${entry.entityType}:${entry.entityId}`);
    expect(kinds).toEqual(expect.arrayContaining([`record.create:problem:${applied.applied!.id}`, `record.update:cds-draft:${draft!.id}`]));

    // Once only: a second apply (another window) is refused and adds nothing.
    expect(await clinic.call('p', 'analytics.cds.drafts.apply', { draftId: draft!.id, entry: { kind: 'problem', problem: edited } })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'draft-reviewed' } } });
    expect((await clinic.ok('p', 'chart.get', { patientId })).problems).toHaveLength(1);
  });

  it('applies medications and allergies through the chart’s own rules, which refuse what the chart would refuse', async () => {
    const medicationDraft = (await draftsOfSuggestion(1)).find((draft) => draft.resourceType === 'MedicationRequest')!;
    const proposal = proposed(medicationDraft, 'medication');
    // The chart refuses an end before the start: the field says so, and the draft waits.
    const refused = await clinic.call('p', 'analytics.cds.drafts.apply', { draftId: medicationDraft.id, entry: { kind: 'medication', medication: { ...proposal.medication, start: '2026-01-10', end: '2026-01-01' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'entry.medication.end' }] } });
    expect((await clinic.ok('p', 'analytics.cds.drafts', { patientId }))[0]).toMatchObject({ id: medicationDraft.id, status: 'draft' });
    await clinic.ok('p', 'analytics.cds.drafts.apply', { draftId: medicationDraft.id, entry: { kind: 'medication', medication: proposal.medication } });

    const drafts = await draftsOfSuggestion(2);
    const allergy = drafts.find((draft) => draft.resourceType === 'AllergyIntolerance')!;
    await clinic.ok('p', 'analytics.cds.drafts.apply', { draftId: allergy.id, entry: { kind: 'allergy', allergy: proposed(allergy, 'allergy').allergy } });
    const chart = await clinic.ok('p', 'chart.get', { patientId });
    expect(chart.medications).toMatchObject([{ name: 'Amlodipine 5 mg tablet', dose: '5 mg', route: 'oral', frequency: 'once daily', status: 'active' }]);
    expect(chart.allergies).toMatchObject([{ substance: 'Penicillin', reaction: 'Rash, Itching', severity: 'moderate' }]);
    // The allergy list drives the header's flag, as when the allergy is entered by hand.
    expect((await clinic.ok('p', 'patients.get', { id: patientId })).allergies).toBe('has');
  });

  it('discards a draft with a reason, audited, leaving the chart as it was; only physicians review', async () => {
    const service = (await draftsOfSuggestion(2)).find((draft) => draft.resourceType === 'ServiceRequest')!;
    expect(service.proposal).toBeNull();
    expect(await clinic.call('a', 'analytics.cds.drafts.discard', { draftId: service.id, reason: 'Ordered elsewhere' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await clinic.call('p', 'analytics.cds.drafts.discard', { draftId: service.id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const discarded = await clinic.ok('p', 'analytics.cds.drafts.discard', { draftId: service.id, reason: 'Ordered elsewhere' });
    expect(discarded).toMatchObject({ status: 'discarded', discardReason: 'Ordered elsewhere', reviewedByName: 'drwang', applied: null });
    expect(await clinic.call('p', 'analytics.cds.drafts.discard', { draftId: service.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await clinic.call('p', 'analytics.cds.drafts.discard', { draftId: 'no-such-draft', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const chart = await clinic.ok('p', 'chart.get', { patientId });
    expect([chart.problems, chart.medications, chart.allergies]).toEqual([[], [], []]);
    const audit = await clinic.ok('a', 'audit.query', { limit: 50 });
    expect(audit.entries.find((entry) => entry.entityType === 'cds-draft' && entry.entityId === service.id)).toMatchObject({ action: 'record.update', detail: 'discarded', patientId });
  });
});
