export const REDACTED = '[REDACTED]';

/** A digit run that could be a phone, an ID or a record number, with common separators inside it. */
const LONG_NUMBER = /\+?\d(?:[\d\s-]{5,}\d)/g;
/** An 18-character Chinese resident ID (its check character may be X). */
const RESIDENT_ID = /\d{17}[\dXx]/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** An age over 89 written out ("92岁", "93 years old") is banded like the structured one. */
const OLD_AGE = /(?<!\d)(?:9\d|1[0-4]\d)(\s*(?:周岁|岁|years?(?:[-\s]old)?|y\/?o\b))/giu;

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A value as a pattern: case-insensitive, and for numbers any spacing or dashes between the digits. */
function patternOf(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 5 && digits.length >= value.replace(/[\s+()-]/g, '').length) return digits.split('').join('[\\s-]*');
  return escape(value);
}

/**
 * Free text with the patient's own identifying values and anything shaped
 * like a phone number, identifier or e-mail address replaced. Longer values
 * first, so a full name is removed before its parts.
 */
export function scrubberFor(values: readonly string[]): (text: string) => string {
  const sorted = [...values].sort((a, b) => b.length - a.length);
  const own = sorted.length ? new RegExp(sorted.map(patternOf).join('|'), 'giu') : null;
  return (text) => {
    // Patterns first: an e-mail address built from a name is removed whole.
    let result = text.replace(EMAIL, REDACTED).replace(RESIDENT_ID, REDACTED).replace(OLD_AGE, '90+$1');
    if (own) result = result.replace(own, REDACTED);
    return result.replace(LONG_NUMBER, (match) => (match.replace(/\D/g, '').length >= 7 ? REDACTED : match));
  };
}
