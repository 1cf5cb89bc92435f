import { describe, expect, it } from 'vitest';
import { readBirthDate } from '../../../main/patients/import/birth-dates.ts';

describe('birth dates from patient lists', () => {
  it('reads Excel 1900-system date serials, the phantom 29 February 1900 included', () => {
    expect(readBirthDate('32874')).toEqual({ date: '1990-01-01' });
    expect(readBirthDate('32874.75')).toEqual({ date: '1990-01-01' });
    expect(readBirthDate('45658')).toEqual({ date: '2025-01-01' });
    expect(readBirthDate('36526')).toEqual({ date: '2000-01-01' });
    // 1 March 1900 is serial 61 in Excel; the first four-digit serials fall in 1902.
    expect(readBirthDate('1000')).toEqual({ date: '1902-09-26' });
    expect(readBirthDate('2958465')).toEqual({ date: '9999-12-31' });
    expect(readBirthDate('２９２４６')).toEqual({ date: '1980-01-26' });
  });

  it('reads the year-first forms of Chinese and ISO lists', () => {
    expect(readBirthDate('1990/3/5')).toEqual({ date: '1990-03-05' });
    expect(readBirthDate('1990年3月5日')).toEqual({ date: '1990-03-05' });
    expect(readBirthDate('1990 年 03 月 05 日')).toEqual({ date: '1990-03-05' });
    expect(readBirthDate('1990-03-05 00:00:00')).toEqual({ date: '1990-03-05' });
    expect(readBirthDate('19900305')).toEqual({ date: '1990-03-05' });
    expect(readBirthDate('1990.3.5')).toEqual({ date: '1990-03-05' });
  });

  it('reads day-first dates with dots, and year-last dates with slashes only when one side is above 12', () => {
    expect(readBirthDate('15.03.1990')).toEqual({ date: '1990-03-15' });
    expect(readBirthDate('03.04.1990')).toEqual({ date: '1990-04-03' });
    expect(readBirthDate('15/03/1990')).toEqual({ date: '1990-03-15' });
    expect(readBirthDate('03/15/1990')).toEqual({ date: '1990-03-15' });
    expect(readBirthDate('4-4-1990')).toEqual({ date: '1990-04-04' });
  });

  it('reports what could mean two dates instead of guessing', () => {
    expect(readBirthDate('03/04/1990')).toEqual({ ambiguous: true });
    expect(readBirthDate('15.03.90')).toEqual({ ambiguous: true });
    expect(readBirthDate('1990')).toEqual({ ambiguous: true });
    expect(readBirthDate('2001')).toEqual({ ambiguous: true });
  });

  it('passes anything else on as written, for the registration rules to refuse', () => {
    expect(readBirthDate(' 42 ')).toEqual({ unread: '42' });
    expect(readBirthDate('March 1990')).toEqual({ unread: 'March 1990' });
    expect(readBirthDate('32/13/1990')).toEqual({ date: '1990-13-32' });
    expect(readBirthDate('1990-02-30')).toEqual({ date: '1990-02-30' });
    expect(readBirthDate("1990'; DROP TABLE patients;--")).toEqual({ unread: "1990'; DROP TABLE patients;--" });
  });
});
