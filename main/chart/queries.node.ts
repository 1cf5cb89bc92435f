import type Database from '@signalapp/sqlcipher';
import type {
  Allergy,
  AllergyFields,
  Chart,
  ChartDocument,
  DocumentFields,
  Encounter,
  EncounterFields,
  Medication,
  MedicationFields,
  Problem,
  ProblemFields,
  VitalSigns,
  VitalsFields,
} from '../../preload/contract/chart.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import type { QueryModule } from '../store/interface.ts';
import { insertAllergy, listAllergies, removeAllergy, updateAllergy } from './allergies.node.ts';
import { documentContent, getDocument, insertDocument, listDocuments, removeDocument, type DocumentContent } from './documents.node.ts';
import { addAddendum, discardEncounter, insertEncounter, listEncounters, signEncounter, updateEncounter } from './encounters.node.ts';
import { requirePatient } from './guards.node.ts';
import { insertMedication, listMedications, removeMedication, updateMedication } from './medications.node.ts';
import { insertProblem, listProblems, removeProblem, updateProblem } from './problems.node.ts';
import { buildTimeline } from './timeline.node.ts';
import { insertVitals, listVitals, markVitalsError } from './vitals.node.ts';

/**
 * The chart's store methods. Each write appends its audit entry and outbox row in its own transaction;
 * the whole-chart read appends its `record.read` entry in the transaction that reads.
 * The row-level inserts (`insertEncounter`, `insertVitals`, … in the entity files) are also plain exports
 * for capabilities that write a chart inside their own transaction (FHIR import).
 */
export const chartQueries = {
  get(db: Database, patientId: string, audit: AuditInput): Chart {
    requirePatient(db, patientId);
    const lists = {
      encounters: listEncounters(db, patientId),
      vitals: listVitals(db, patientId),
      problems: listProblems(db, patientId),
      allergies: listAllergies(db, patientId),
      medications: listMedications(db, patientId),
      documents: listDocuments(db, patientId),
    };
    appendAudit(db, { ...audit, entityType: 'chart', entityId: patientId, patientId });
    return { patientId, ...lists, timeline: buildTimeline(db, patientId, lists) };
  },

  createEncounter: (db: Database, patientId: string, fields: EncounterFields, audit: AuditInput): Encounter => insertEncounter(db, patientId, fields, audit),
  updateEncounter,
  signEncounter,
  addAddendum,
  discardEncounter,

  recordVitals: (db: Database, patientId: string, fields: VitalsFields, audit: AuditInput): VitalSigns => insertVitals(db, patientId, fields, audit),
  markVitalsError,

  createProblem: (db: Database, patientId: string, fields: ProblemFields, audit: AuditInput): Problem => insertProblem(db, patientId, fields, audit),
  updateProblem,
  removeProblem,

  createAllergy: (db: Database, patientId: string, fields: AllergyFields, audit: AuditInput): Allergy => insertAllergy(db, patientId, fields, audit),
  updateAllergy,
  removeAllergy,

  createMedication: (db: Database, patientId: string, fields: MedicationFields, audit: AuditInput): Medication => insertMedication(db, patientId, fields, audit),
  updateMedication,
  removeMedication,

  attachDocument: (db: Database, patientId: string, fields: DocumentFields, content: DocumentContent, audit: AuditInput): ChartDocument =>
    insertDocument(db, patientId, fields, content, audit),
  getDocument,
  documentContent,
  removeDocument,
} satisfies QueryModule;
