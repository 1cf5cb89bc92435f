import { writeFile } from 'node:fs/promises';
import {
  DOCUMENT_EXTENSIONS,
  type Allergy,
  type AllergyFields,
  type Chart,
  type ChartDocument,
  type DocumentFields,
  type Encounter,
  type EncounterFields,
  type Icd10Entry,
  type Medication,
  type MedicationFields,
  type Problem,
  type ProblemFields,
  type VitalSigns,
  type VitalsFields,
} from '../../preload/contract/chart.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry } from '../audit/audit-log.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import type { Files } from '../files/files.ts';
import type { FileDialogs } from '../platform/dialogs.ts';
import { AppError } from '../platform/errors.ts';
import type { Session } from '../platform/sessions.ts';
import type { MethodsProxy } from '../store/interface.ts';
import { copyName, extensionOf, readAttachment } from './document-files.node.ts';
import { chartFailure } from './errors.ts';
import { searchIcd10 } from './icd10-lookup.ts';

type ChartStore = MethodsProxy['chart'];
type WriteAction = 'record.create' | 'record.update' | 'record.delete';

const DOCUMENT_FILTER = { filterName: 'PDF, PNG, JPEG', extensions: DOCUMENT_EXTENSIONS };

/**
 * The patient chart. Each operation is one store call, so a change (or a chart read) and its audit entry and
 * outbox row commit together; the actor comes from the session, never the request.
 */
export class ChartService {
  readonly #vault: Vault;
  readonly #files: Files;
  readonly #dialogs: FileDialogs;
  readonly #now: () => number;

  constructor(options: { vault: Vault; files: Files; dialogs: FileDialogs; now?: () => number }) {
    this.#vault = options.vault;
    this.#files = options.files;
    this.#dialogs = options.dialogs;
    this.#now = options.now ?? Date.now;
  }

  get(session: Session, patientId: string): Promise<Chart> {
    return this.#call((store) => store.get(patientId, this.#audit(session, 'record.read')));
  }

  searchIcd10(query: string, limit: number): Icd10Entry[] {
    return searchIcd10(query, limit);
  }

  createEncounter(session: Session, patientId: string, fields: EncounterFields): Promise<Encounter> {
    return this.#call((store) => store.createEncounter(patientId, fields, this.#audit(session, 'record.create')));
  }

  updateEncounter(session: Session, id: string, fields: EncounterFields, expectedUpdatedAt: number): Promise<Encounter> {
    return this.#call((store) => store.updateEncounter(id, fields, expectedUpdatedAt, this.#audit(session, 'record.update')));
  }

  signEncounter(session: Session, id: string, expectedUpdatedAt: number): Promise<Encounter> {
    return this.#call((store) => store.signEncounter(id, expectedUpdatedAt, this.#audit(session, 'record.update')));
  }

  addAddendum(session: Session, id: string, text: string): Promise<Encounter> {
    return this.#call((store) => store.addAddendum(id, text, this.#audit(session, 'record.update')));
  }

  discardEncounter(session: Session, id: string, reason: string): Promise<{ id: string }> {
    return this.#call((store) => store.discardEncounter(id, reason, this.#audit(session, 'record.delete')));
  }

  recordVitals(session: Session, patientId: string, fields: VitalsFields): Promise<VitalSigns> {
    return this.#call((store) => store.recordVitals(patientId, fields, this.#audit(session, 'record.create')));
  }

  markVitalsError(session: Session, id: string, reason: string): Promise<VitalSigns> {
    return this.#call((store) => store.markVitalsError(id, reason, this.#audit(session, 'record.update')));
  }

  createProblem(session: Session, patientId: string, fields: ProblemFields): Promise<Problem> {
    return this.#call((store) => store.createProblem(patientId, fields, this.#audit(session, 'record.create')));
  }

  updateProblem(session: Session, id: string, fields: ProblemFields, expectedUpdatedAt: number): Promise<Problem> {
    return this.#call((store) => store.updateProblem(id, fields, expectedUpdatedAt, this.#audit(session, 'record.update')));
  }

  removeProblem(session: Session, id: string, reason: string): Promise<{ id: string }> {
    return this.#call((store) => store.removeProblem(id, reason, this.#audit(session, 'record.delete')));
  }

  createAllergy(session: Session, patientId: string, fields: AllergyFields): Promise<Allergy> {
    return this.#call((store) => store.createAllergy(patientId, fields, this.#audit(session, 'record.create')));
  }

  updateAllergy(session: Session, id: string, fields: AllergyFields, expectedUpdatedAt: number): Promise<Allergy> {
    return this.#call((store) => store.updateAllergy(id, fields, expectedUpdatedAt, this.#audit(session, 'record.update')));
  }

  removeAllergy(session: Session, id: string, reason: string): Promise<{ id: string }> {
    return this.#call((store) => store.removeAllergy(id, reason, this.#audit(session, 'record.delete')));
  }

  createMedication(session: Session, patientId: string, fields: MedicationFields): Promise<Medication> {
    return this.#call((store) => store.createMedication(patientId, fields, this.#audit(session, 'record.create')));
  }

  updateMedication(session: Session, id: string, fields: MedicationFields, expectedUpdatedAt: number): Promise<Medication> {
    return this.#call((store) => store.updateMedication(id, fields, expectedUpdatedAt, this.#audit(session, 'record.update')));
  }

  removeMedication(session: Session, id: string, reason: string): Promise<{ id: string }> {
    return this.#call((store) => store.removeMedication(id, reason, this.#audit(session, 'record.delete')));
  }

  /**
   * Asks for the file, checks its size and signature, stores it encrypted, then records it. Null if the chooser was
   * cancelled. A refused record leaves at most an unreferenced encrypted blob behind, never a plaintext file.
   */
  async attachDocument(session: Session, patientId: string, fields: DocumentFields): Promise<ChartDocument | null> {
    const path = await this.#dialogs.chooseOpenFile(DOCUMENT_FILTER);
    if (!path) return null;
    const { bytes, mediaType } = await readAttachment(path);
    const blob = await (await this.#files.blobs()).put(bytes);
    return this.#call((store) => store.attachDocument(patientId, fields, { mediaType, size: blob.size, blobHash: blob.hash }, this.#audit(session, 'record.create')));
  }

  /** A PNG or JPEG decrypted for the viewer; PDFs are saved as a copy and opened outside. */
  async documentImage(session: Session, id: string): Promise<{ mediaType: 'image/png' | 'image/jpeg'; base64: string }> {
    const content = await this.#call((store) => store.documentContent(id, this.#audit(session, 'record.read')));
    if (content.mediaType === 'application/pdf') throw new AppError('VALIDATION', 'Only images are shown here; save a copy of a PDF.', { details: { reason: 'not-image' } });
    const bytes = await this.#documentBytes(content.blobHash);
    return { mediaType: content.mediaType, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  }

  /** Writes a decrypted copy where the user chooses; the export is audited only once a place was chosen. */
  async saveDocumentCopy(session: Session, id: string): Promise<{ saved: boolean }> {
    const document = await this.#call((store) => store.getDocument(id));
    const extension = extensionOf(document.mediaType);
    const path = await this.#dialogs.chooseSaveFile({ defaultName: copyName(document.date, document.mediaType), filterName: extension.toUpperCase(), extensions: [extension] });
    if (!path) return { saved: false };
    const content = await this.#call((store) => store.documentContent(id, this.#audit(session, 'export')));
    await writeFile(path, await this.#documentBytes(content.blobHash));
    return { saved: true };
  }

  removeDocument(session: Session, id: string, reason: string): Promise<{ id: string }> {
    return this.#call((store) => store.removeDocument(id, reason, this.#audit(session, 'record.delete')));
  }

  /** The decrypted file; one attached on another workstation is fetched from the clinic's storage on first open. */
  async #documentBytes(hash: string): Promise<Uint8Array> {
    const bytes = await this.#files.readFetched(hash);
    if (!bytes) {
      throw new AppError('UNAVAILABLE', 'This file was attached on another workstation and has not arrived yet; try again when the workstation is online.', { details: { reason: 'not-arrived' } });
    }
    return bytes;
  }

  #audit(session: Session, action: WriteAction | 'record.read' | 'export'): AuditInput {
    const now = this.#now();
    return auditEntry(actorOf(session, now), action, {}, now);
  }

  async #call<T>(work: (store: ChartStore) => Promise<T>): Promise<T> {
    try {
      return await work(this.#vault.store.methods.chart);
    } catch (error) {
      throw chartFailure(error);
    }
  }
}
