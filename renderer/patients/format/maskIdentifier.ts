/** First six and last four characters (a resident ID's region and check); shorter numbers keep only their last quarter. */
export function maskIdentifier(value: string): string {
  if (value.length > 10) return `${value.slice(0, 6)}****${value.slice(-4)}`;
  const shown = Math.floor(value.length / 4);
  return shown > 0 ? `****${value.slice(-shown)}` : '****';
}
