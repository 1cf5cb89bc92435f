import type { TFunction } from 'i18next';
import { VITAL_RANGES, type VitalMeasure, type VitalSigns } from '../../../../preload/contract/chart.ts';

/** One measure with its unit: "36.8 °C". */
export function measureText(name: VitalMeasure, value: number): string {
  return `${value} ${VITAL_RANGES[name].unit}`;
}

/** A set of vital signs on one line, in the reader's language: "血压 128/82 mmHg · 心率 72 /min". */
export function vitalsText(t: TFunction, vitals: VitalSigns): string {
  const parts: string[] = [];
  if (vitals.systolic !== null && vitals.diastolic !== null) parts.push(`${t('chart.vitals.short.bloodPressure')} ${vitals.systolic}/${vitals.diastolic} mmHg`);
  for (const name of ['heartRate', 'temperature', 'spo2', 'respiratoryRate', 'height', 'weight'] as const) {
    const value = vitals[name];
    if (value !== null) parts.push(`${t(`chart.vitals.short.${name}`)} ${measureText(name, value)}`);
  }
  if (vitals.bmi !== null) parts.push(`BMI ${vitals.bmi}`);
  return parts.join(' · ');
}
