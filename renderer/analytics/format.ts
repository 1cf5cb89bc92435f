/** A summary figure with sensible precision, or a dash when absent. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleString();
}
