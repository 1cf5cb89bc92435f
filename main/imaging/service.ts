import type { Annotation, ImagingReport, KeyImage, PatientImagingReport, ReconcileItem, Series, StudyAnnotations, StudySummary } from '../../preload/contract/imaging.ts';
import type { PatientFields } from '../patients/rows.node.ts';
import type { AuditAction } from '../../preload/contract/audit.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry } from '../audit/audit-log.ts';
import type { MediaTokens } from '../media/tokens.ts';
import type { Session } from '../platform/sessions.ts';
import { imagingFailure } from './errors.ts';
import type { StudyFilter } from './studies.node.ts';

type ImagingMethods = Vault['store']['methods']['imaging'];

/**
 * Studies, series and measurements as the renderer sees them. Each operation is one store call,
 * so a change or a chart read commits with its audit entry; the actor comes from the session.
 */
export class ImagingService {
  readonly #vault: Vault;
  readonly #tokens: MediaTokens;
  readonly #now: () => number;

  constructor(options: { vault: Vault; tokens: MediaTokens; now?: () => number }) {
    this.#vault = options.vault;
    this.#tokens = options.tokens;
    this.#now = options.now ?? Date.now;
  }

  listStudies(filter: StudyFilter): Promise<StudySummary[]> {
    return this.#store((imaging) => imaging.listStudies(filter));
  }

  getStudy(studyId: string): Promise<StudySummary> {
    return this.#store((imaging) => imaging.getStudy(studyId));
  }

  listSeries(session: Session, studyId: string): Promise<Series[]> {
    return this.#store((imaging) => imaging.listSeries(studyId, this.audit(session, 'record.read')));
  }

  /** A view saved as PNG leaves the workstation's control: audited like any export. */
  async viewExported(session: Session, studyId: string): Promise<null> {
    await this.#store((imaging) => imaging.auditStudy(studyId, { ...this.audit(session, 'export'), detail: 'view.png' }));
    return null;
  }

  mediaToken(session: Session): { token: string; expiresAt: number } {
    return this.#tokens.issue(session);
  }

  getAnnotations(studyId: string): Promise<StudyAnnotations> {
    return this.#store((imaging) => imaging.getAnnotations(studyId));
  }

  saveAnnotations(session: Session, studyId: string, annotations: Annotation[], keyImages: KeyImage[]): Promise<StudyAnnotations> {
    return this.#store((imaging) => imaging.saveAnnotations(studyId, annotations, keyImages, session.displayName, this.audit(session, 'record.update')));
  }

  reconciliation(limit: number): Promise<ReconcileItem[]> {
    return this.#store((imaging) => imaging.listReconciliation(limit));
  }

  link(session: Session, studyId: string, patientId: string, acknowledgeMismatches: boolean): Promise<StudySummary> {
    return this.#store((imaging) => imaging.linkStudy(studyId, patientId, acknowledgeMismatches, session.userId, this.audit(session, 'record.update')));
  }

  createPatient(session: Session, studyId: string, patient: PatientFields, confirmedNotDuplicate: boolean): Promise<StudySummary> {
    return this.#store((imaging) => imaging.createPatientForStudy(studyId, patient, confirmedNotDuplicate, session.userId, this.audit(session, 'record.update')));
  }

  unlink(session: Session, studyId: string): Promise<StudySummary> {
    return this.#store((imaging) => imaging.unlinkStudy(studyId, this.audit(session, 'record.update')));
  }

  getReport(session: Session, studyId: string): Promise<ImagingReport | null> {
    return this.#store((imaging) => imaging.getReport(studyId, this.audit(session, 'record.read')));
  }

  saveDraft(session: Session, studyId: string, text: { findings: string; impression: string }, expectedUpdatedAt: number | null): Promise<ImagingReport> {
    return this.#store((imaging) => imaging.saveDraft(studyId, text, expectedUpdatedAt, authorOf(session), this.audit(session, 'record.update')));
  }

  sign(session: Session, studyId: string, expectedUpdatedAt: number): Promise<ImagingReport> {
    return this.#store((imaging) => imaging.signReport(studyId, expectedUpdatedAt, authorOf(session), this.audit(session, 'record.update')));
  }

  addAddendum(session: Session, studyId: string, text: string): Promise<ImagingReport> {
    return this.#store((imaging) => imaging.addAddendum(studyId, text, authorOf(session), this.audit(session, 'record.create')));
  }

  reportsForPatient(session: Session, patientId: string): Promise<PatientImagingReport[]> {
    return this.#store((imaging) => imaging.signedReportsForPatient(patientId, this.audit(session, 'record.read')));
  }

  audit(session: Session | null, action: AuditAction) {
    const now = this.#now();
    return auditEntry(actorOf(session, now), action, {}, now);
  }

  async #store<T>(work: (imaging: ImagingMethods) => Promise<T>): Promise<T> {
    try {
      return await work(this.#vault.store.methods.imaging);
    } catch (error) {
      throw imagingFailure(error);
    }
  }
}

function authorOf(session: Session): { id: string; name: string } {
  return { id: session.userId, name: session.displayName };
}
