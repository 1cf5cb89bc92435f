import { useLocationHash } from '../../frame/useHashSection.ts';
import { patientHref } from '../patientRoute.ts';

/** `#/patients/<id>` shows the chart; `#/patients/<id>/visit/<encounterId>` the printable visit summary. */
export type ChartRoute = { kind: 'chart' } | { kind: 'visitSummary'; encounterId: string };

function parse(hash: string): ChartRoute {
  const [, , area, encounterId] = hash.replace(/^#\/?/, '').split('/');
  if (area === 'visit' && encounterId) return { kind: 'visitSummary', encounterId: decodeURIComponent(encounterId) };
  return { kind: 'chart' };
}

export function useChartRoute(): ChartRoute {
  return parse(useLocationHash());
}

export function openVisitSummary(patientId: string, encounterId: string): void {
  window.location.hash = `${patientHref(patientId)}/visit/${encodeURIComponent(encounterId)}`;
}

export function openChart(patientId: string): void {
  window.location.hash = patientHref(patientId);
}
