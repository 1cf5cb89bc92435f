/**
 * Opening a study without waiting on the screen: the series list is asked for when "open" is clicked (not
 * after the viewer has mounted), and the first image starts loading as soon as the list arrives, while React
 * is still building the viewer. The viewer then takes the same list (one audited read per opening) and finds
 * its first image loaded or in flight.
 */
import type { Series } from '../../../preload/contract/imaging.ts';
import { call } from '../../platform/api.ts';
import { firstImageSeries, stackOf } from './stack.ts';
import { viewerRuntime } from './viewport/runtime.ts';

/** Lists asked for by a click and not yet taken by a viewer. */
const opening = new Map<string, Promise<Series[]>>();

/** Starts opening a study: its series list, then its first image. */
export function beginOpening(studyId: string): void {
  if (opening.has(studyId)) return;
  const series = call('imaging.series.list', { studyId });
  series.then((list) => {
    const images = firstImageSeries(list);
    const first = images && stackOf(images)[0];
    if (first) viewerRuntime().load(first.instanceId, first.frame, 'interactive').catch(() => {});
  }, () => {});
  opening.set(studyId, series);
  // A list nobody takes (the viewer did not open) is not kept: the next opening asks again.
  setTimeout(() => opening.get(studyId) === series && opening.delete(studyId), 10_000);
}

/** The series list of a study being opened, asked for now if no click started it. */
export function takeSeries(studyId: string): Promise<Series[]> {
  beginOpening(studyId);
  const series = opening.get(studyId)!;
  opening.delete(studyId);
  return series;
}
