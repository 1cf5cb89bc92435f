/**
 * A phone number as search and duplicate detection compare it: its digits,
 * without China's country code, so "+86 138 0013 8000", "0086 13800138000"
 * and "138-0013-8000" are one number and "138" finds all three.
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+86')) return digits.slice(2);
  if (digits.startsWith('0086')) return digits.slice(4);
  return digits;
}
