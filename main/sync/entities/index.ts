import type { EntityAdapter } from './adapter.ts';
import { appointmentAdapter } from './appointment.node.ts';
import { CHART_ADAPTERS } from './chart-entries.node.ts';
import { patientAdapter } from './patient.node.ts';
import { scheduleResourceAdapter } from './schedule-resource.node.ts';

/**
 * Every replicated entity the worker can write. An entity without one (a
 * newer workstation's, or one whose adapter is still to come: encounters,
 * documents, imaging) keeps its merged state and waits in sync_pending, to be
 * written once an adapter for it exists.
 */
export const ENTITY_ADAPTERS: readonly EntityAdapter[] = [scheduleResourceAdapter, patientAdapter(() => ENTITY_ADAPTERS), appointmentAdapter, ...CHART_ADAPTERS];

export const ADAPTERS_BY_ENTITY: ReadonlyMap<string, EntityAdapter> = new Map(ENTITY_ADAPTERS.map((adapter) => [adapter.entity, adapter]));
