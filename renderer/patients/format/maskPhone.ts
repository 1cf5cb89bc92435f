/** Only the last four digits, so a list on screen does not show whole numbers to passers-by. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `****${digits.slice(-4)}`;
}
