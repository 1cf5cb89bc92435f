import type { EntityAdapter } from './adapter.ts';
import { appointmentAdapter } from './appointment.node.ts';
import { CHART_ADAPTERS } from './chart-entries.node.ts';
import { documentAdapter } from './document.node.ts';
import { encounterAdapter } from './encounter.node.ts';
import { imagingInstanceAdapter, imagingSeriesAdapter, imagingStudyAdapter } from './imaging-index.node.ts';
import { imagingAnnotationsAdapter, imagingReportAddendumAdapter, imagingReportAdapter } from './imaging-reports.node.ts';
import { patientAdapter } from './patient.node.ts';
import { scheduleResourceAdapter } from './schedule-resource.node.ts';
import { userAdapter } from './user.node.ts';
import { workstationAdapter } from './workstation.node.ts';

/**
 * Every replicated entity the worker can write. An entity without one (a
 * newer workstation's) keeps its merged state and waits in sync_pending, to
 * be written once an adapter for it exists.
 */
export const ENTITY_ADAPTERS: readonly EntityAdapter[] = [
  workstationAdapter,
  userAdapter,
  scheduleResourceAdapter,
  patientAdapter(() => ENTITY_ADAPTERS),
  appointmentAdapter,
  ...CHART_ADAPTERS,
  encounterAdapter,
  documentAdapter,
  imagingStudyAdapter,
  imagingSeriesAdapter,
  imagingInstanceAdapter,
  imagingReportAdapter,
  imagingReportAddendumAdapter,
  imagingAnnotationsAdapter,
];

export const ADAPTERS_BY_ENTITY: ReadonlyMap<string, EntityAdapter> = new Map(ENTITY_ADAPTERS.map((adapter) => [adapter.entity, adapter]));
