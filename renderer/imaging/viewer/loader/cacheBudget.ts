/**
 * The viewer's memory budget for raw and decoded images, chosen per workstation (hospital PCs have 4–8 GB):
 * kept in this browser profile, 512 MB unless changed in the viewer's settings.
 */
const KEY = 'cw.viewer.cacheBudgetMb';
export const DEFAULT_BUDGET_MB = 512;
export const MIN_BUDGET_MB = 64;
export const MAX_BUDGET_MB = 4096;

export function readBudgetMb(): number {
  const stored = Number(globalThis.localStorage?.getItem(KEY));
  return Number.isFinite(stored) && stored >= MIN_BUDGET_MB && stored <= MAX_BUDGET_MB ? stored : DEFAULT_BUDGET_MB;
}

export function writeBudgetMb(mb: number): number {
  const clamped = Math.round(Math.min(MAX_BUDGET_MB, Math.max(MIN_BUDGET_MB, mb)));
  globalThis.localStorage?.setItem(KEY, String(clamped));
  return clamped;
}

export const mb = (n: number): number => n * 1024 * 1024;
