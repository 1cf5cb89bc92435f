import { ensureFileKey } from '../files/file-key.node.ts';
import type { QueryModule } from '../store/interface.ts';
import { readOnly } from '../store/read-only.node.ts';
import { getAnnotations, saveAnnotations } from './annotations.node.ts';
import { auditImport, auditStudy, blobReferenced, indexInstance, indexInstances } from './index.node.ts';
import { forwardAnswered, forwardBatch, forwardOverview, forwardStop } from './pacs/forward.node.ts';
import { listPacs, pacsConfig, removePacs, savePacs, studyBlobs } from './pacs/pacs.node.ts';
import { createPatientForStudy, linkStudy, listReconciliation, unlinkStudy } from './reconcile.node.ts';
import { addAddendum, getReport, saveDraft, signedReportsForPatient, signReport } from './reports.node.ts';
import { getStudy, instanceBlob, listSeries, listStudies } from './studies.node.ts';

/** The imaging store methods: `store.methods.imaging.…`. */
export const imagingQueries = {
  ensureFileKey,
  listStudies,
  getStudy,
  listSeries,
  // The media route's lookup for every image shown: never waits for the write lock.
  instanceBlob: readOnly(instanceBlob),
  getAnnotations,
  saveAnnotations,
  indexInstance,
  indexInstances,
  blobReferenced,
  auditImport,
  listReconciliation,
  linkStudy,
  createPatientForStudy,
  unlinkStudy,
  getReport,
  saveDraft,
  signReport,
  addAddendum,
  signedReportsForPatient,
  auditStudy,
  listPacs,
  pacsConfig,
  savePacs,
  removePacs,
  studyBlobs,
  forwardBatch,
  forwardAnswered,
  forwardStop,
  forwardOverview,
} satisfies QueryModule;
