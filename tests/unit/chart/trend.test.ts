import { describe, expect, it } from 'vitest';
import type { VitalSigns } from '../../../preload/contract/chart.ts';
import { firstGroupWithData, timeAxis, trendSeries } from '../../../renderer/patients/chart/vitals/trendSeries.ts';

const DAY = 24 * 60 * 60_000;

function set(at: number, values: Partial<VitalSigns>): VitalSigns {
  const empty = { systolic: null, diastolic: null, heartRate: null, temperature: null, spo2: null, respiratoryRate: null, height: null, weight: null, bmi: null };
  return {
    id: String(at),
    patientId: 'p',
    at,
    encounterId: null,
    ...empty,
    ...values,
    status: 'final',
    errorReason: null,
    recordedBy: { userId: null, name: '' },
    createdAt: at,
    updatedAt: at,
  };
}

describe('vitals trend', () => {
  const vitals = [set(3 * DAY, { systolic: 130, diastolic: 85 }), set(1 * DAY, { systolic: 150, diastolic: 95, weight: 70 }), set(2 * DAY, { heartRate: 80 })];

  it('plots each measure oldest first and skips sets without it', () => {
    expect(trendSeries(vitals, 'bloodPressure')).toEqual([
      { measure: 'systolic', points: [[DAY, 150], [3 * DAY, 130]] },
      { measure: 'diastolic', points: [[DAY, 95], [3 * DAY, 85]] },
    ]);
    expect(trendSeries(vitals, 'heartRate')).toEqual([{ measure: 'heartRate', points: [[2 * DAY, 80]] }]);
    expect(trendSeries(vitals, 'bmi')).toEqual([{ measure: 'bmi', points: [] }]);
  });

  it('opens on the first measure with data', () => {
    expect(firstGroupWithData(vitals)).toBe('bloodPressure');
    expect(firstGroupWithData([set(DAY, { weight: 60 })])).toBe('weight');
    expect(firstGroupWithData([])).toBe('bloodPressure');
  });

  it('pads a lone point and labels times by the span shown', () => {
    expect(timeAxis(trendSeries([set(10 * DAY, { heartRate: 70 })], 'heartRate'))).toEqual({ min: 9 * DAY, max: 11 * DAY, labelFormat: 'MM-DD HH:mm' });
    expect(timeAxis(trendSeries(vitals, 'bloodPressure')).labelFormat).toBe('MM-DD HH:mm');
    expect(timeAxis(trendSeries([set(0, { spo2: 97 }), set(30 * DAY, { spo2: 98 })], 'spo2'))).toEqual({ labelFormat: 'MM-DD' });
    expect(timeAxis(trendSeries([set(0, { spo2: 97 }), set(400 * DAY, { spo2: 98 })], 'spo2')).labelFormat).toBe('YYYY-MM');
  });
});
