import type { VitalMeasure } from '../../preload/contract/chart.ts';

/**
 * LOINC codes and UCUM units of the vital signs, as FHIR's vital signs
 * profile names them. Blood pressure is one panel (85354-9) with systolic
 * and diastolic components; SpO₂ carries the pulse-oximetry code and the
 * generic one the profile requires.
 */
export const VITAL_CODES = {
  bloodPressure: { loinc: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', unitText: 'mmHg' },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', unitText: 'mmHg' },
  heartRate: { loinc: '8867-4', display: 'Heart rate', unit: '/min', unitText: 'beats/minute' },
  temperature: { loinc: '8310-5', display: 'Body temperature', unit: 'Cel', unitText: '°C' },
  spo2: { loinc: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', unitText: '%', alsoLoinc: '2708-6' },
  respiratoryRate: { loinc: '9279-1', display: 'Respiratory rate', unit: '/min', unitText: 'breaths/minute' },
  height: { loinc: '8302-2', display: 'Body height', unit: 'cm', unitText: 'cm' },
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg', unitText: 'kg' },
  bmi: { loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2', unitText: 'kg/m2' },
  /** The vital signs panel grouping one set's observations. */
  panel: { loinc: '85353-1', display: 'Vital signs, weight, height, head circumference, oximetry, BMI, and BSA panel' },
} as const;

/** The single-valued measures, in the order a set lists them (blood pressure is the panel above). */
export const SINGLE_MEASURES = ['heartRate', 'temperature', 'spo2', 'respiratoryRate', 'height', 'weight'] as const satisfies readonly VitalMeasure[];

/**
 * Units other systems send, converted to the chart's (UCUM code → factor and offset): °F, inches, pounds.
 * The chart's own unit maps to itself.
 */
export const UNIT_CONVERSIONS: Record<string, Record<string, (value: number) => number>> = {
  temperature: { Cel: (v) => v, '[degF]': (v) => ((v - 32) * 5) / 9 },
  height: { cm: (v) => v, m: (v) => v * 100, '[in_i]': (v) => v * 2.54 },
  weight: { kg: (v) => v, g: (v) => v / 1000, '[lb_av]': (v) => v * 0.45359237 },
};
