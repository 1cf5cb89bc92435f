import type { ScheduleResource } from '../../preload/contract/schedule.ts';
import { useCall, type CallState } from '../platform/useCall.ts';

/** Providers, rooms and modalities in use (or all, for the administrator's list), by kind and name. */
export function useResources(includeInactive = false): CallState<ScheduleResource[]> {
  return useCall('schedule.resources.list', { includeInactive });
}
