import type { DuplicateCandidate, MrnFormatInput, MrnSettings, Patient, SearchHit } from '../../preload/contract/patients.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry } from '../audit/audit-log.ts';
import type { Session } from '../platform/sessions.ts';
import { patientFailure, patientNotFound } from './errors.ts';
import type { PatientFields } from './rows.node.ts';

/**
 * The patient register as the renderer sees it. Each operation is one store
 * call, so a change or a chart read and its audit entry commit together;
 * the actor comes from the session (break-glass included), never the request.
 */
export class PatientService {
  readonly #vault: Vault;
  readonly #now: () => number;

  constructor(options: { vault: Vault; now?: () => number }) {
    this.#vault = options.vault;
    this.#now = options.now ?? Date.now;
  }

  search(session: Session, query: string, limit: number): Promise<SearchHit[]> {
    return this.#store((patients) => patients.search(query, session.userId, limit));
  }

  async get(session: Session, id: string): Promise<Patient> {
    const patient = await this.#store((patients) => patients.get(id, this.#audit(session, 'record.read')));
    if (!patient) throw patientNotFound();
    return patient;
  }

  findDuplicates(patient: PatientFields, excludeId: string | undefined): Promise<DuplicateCandidate[]> {
    return this.#store((patients) => patients.findDuplicates(patient, excludeId ?? null));
  }

  register(session: Session, patient: PatientFields, confirmedNotDuplicate: boolean): Promise<Patient> {
    return this.#store((patients) => patients.register(patient, confirmedNotDuplicate, this.#audit(session, 'record.create')));
  }

  update(session: Session, id: string, patient: PatientFields, expectedUpdatedAt: number): Promise<Patient> {
    return this.#store((patients) => patients.update(id, patient, expectedUpdatedAt, this.#audit(session, 'record.update')));
  }

  merge(session: Session, survivorId: string, duplicateId: string): Promise<Patient> {
    return this.#store((patients) => patients.merge(survivorId, duplicateId, this.#audit(session, 'record.update')));
  }

  async revealIdentifier(session: Session, id: string): Promise<Patient['identifier']> {
    return this.#store((patients) => patients.revealIdentifier(id, this.#audit(session, 'record.read')));
  }

  mrnSettings(): Promise<MrnSettings> {
    return this.#store((patients) => patients.mrnSettings());
  }

  setMrnFormat(session: Session, format: MrnFormatInput): Promise<MrnSettings> {
    return this.#store((patients) => patients.setMrnFormat(format, this.#audit(session, 'record.update')));
  }

  #audit(session: Session, action: 'record.read' | 'record.create' | 'record.update') {
    const now = this.#now();
    return auditEntry(actorOf(session, now), action, {}, now);
  }

  async #store<T>(work: (patients: Vault['store']['methods']['patients']) => Promise<T>): Promise<T> {
    try {
      return await work(this.#vault.store.methods.patients);
    } catch (error) {
      throw patientFailure(error);
    }
  }
}
