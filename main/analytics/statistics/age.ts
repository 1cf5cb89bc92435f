/** Whole years from a YYYY-MM-DD birth date to the local calendar day of `at`; null if the date is unusable. */
export function ageAt(birthDate: string | null, at: number): number | null {
  const match = birthDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate) : null;
  if (!match) return null;
  const day = new Date(at);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = day.getFullYear() - year;
  if (day.getMonth() + 1 < month || (day.getMonth() + 1 === month && day.getDate() < date)) age--;
  return age >= 0 ? age : null;
}

/** Children, then ten-year bands, then 90 and over (the band de-identification also uses above 89). */
export function ageBand(age: number | null): string | null {
  if (age === null) return null;
  if (age < 18) return '0–17';
  if (age < 30) return '18–29';
  if (age >= 90) return '90+';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}–${decade + 9}`;
}

/** Local calendar month "YYYY-MM" of an instant. */
export function monthOf(at: number): string {
  const day = new Date(at);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}`;
}

/** Local midnight of a YYYY-MM-DD date, as epoch milliseconds. */
export function localMidnight(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day!).getTime();
}
