import type { Observation, Quantity } from '@medplum/fhirtypes';
import { vitalsInputSchema, type VitalMeasure } from '../../../preload/contract/chart.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import type { PlannedVitals } from '../import-plan.ts';
import { SYSTEMS } from '../systems.ts';
import { fromInstant } from '../time.ts';
import { SINGLE_MEASURES, UNIT_CONVERSIONS, VITAL_CODES } from '../vital-codes.ts';
import type { PlanContext } from './context.ts';
import { skip } from './entries.ts';
import { invalid } from './invalid.ts';
import { named } from './values.ts';

type Values = Partial<Record<VitalMeasure, number>>;

const hasLoinc = (observation: { code?: Observation['code'] }, loinc: string) =>
  observation.code?.coding?.some((coding) => coding.system === SYSTEMS.loinc && coding.code === loinc) ?? false;

/** A quantity in the chart's unit: the same UCUM code, or one of the few others converted (°F, in, lb); else null. */
function inChartUnit(measure: VitalMeasure, quantity: Quantity | undefined): number | null {
  if (quantity?.value === undefined) return null;
  const expected = measure === 'systolic' || measure === 'diastolic' ? VITAL_CODES[measure].unit : VITAL_CODES[measure as (typeof SINGLE_MEASURES)[number]].unit;
  const code = quantity.system === SYSTEMS.ucum ? quantity.code : undefined;
  if (code === expected) return quantity.value;
  const convert = code ? UNIT_CONVERSIONS[measure]?.[code] : undefined;
  // Converted values keep the chart's precision (one decimal), so a range check sees what the form would.
  return convert ? Math.round(convert(quantity.value) * 10) / 10 : null;
}

/** The measures one observation carries; BMI is left out (the chart computes it). */
function valuesOf(observation: Observation): { values: Values; unknownUnit: boolean } | null {
  if (hasLoinc(observation, VITAL_CODES.bloodPressure.loinc)) {
    const component = (loinc: string) => observation.component?.find((c) => hasLoinc(c, loinc))?.valueQuantity;
    const systolic = inChartUnit('systolic', component(VITAL_CODES.systolic.loinc));
    const diastolic = inChartUnit('diastolic', component(VITAL_CODES.diastolic.loinc));
    return { values: { ...(systolic !== null ? { systolic } : {}), ...(diastolic !== null ? { diastolic } : {}) }, unknownUnit: systolic === null || diastolic === null };
  }
  for (const measure of SINGLE_MEASURES) {
    const codes = [VITAL_CODES[measure].loinc, ...('alsoLoinc' in VITAL_CODES[measure] ? [VITAL_CODES.spo2.alsoLoinc] : [])];
    if (!codes.some((code) => hasLoinc(observation, code))) continue;
    const value = inChartUnit(measure, observation.valueQuantity);
    return { values: value === null ? {} : { [measure]: value }, unknownUnit: value === null };
  }
  return hasLoinc(observation, VITAL_CODES.bmi.loinc) ? { values: {}, unknownUnit: false } : null;
}

const POINTERS: Record<string, string> = { at: '/effectiveDateTime', encounterId: '/encounter' };

/** One vital signs set: a panel's members, or observations taken at the same moment in the same visit. */
export interface VitalsGroup {
  /** The entry whose id and position the set takes: the panel, or the first observation. */
  index: number;
  members: { index: number; observation: Observation }[];
}

/**
 * A set of vital signs from its observations, checked by the chart's own
 * rules (ranges, both blood pressure values). Observations in units the chart
 * cannot convert are skipped on their own.
 */
export function planVitals(group: VitalsGroup, head: Observation, context: PlanContext): { vitals?: PlannedVitals; skipped: ImportEntry[] } {
  const skipped: ImportEntry[] = [];
  const values: Values = {};
  const used: PlannedVitals['parts'] = [];
  for (const { index, observation } of group.members) {
    const read = valuesOf(observation);
    if (!read) skipped.push(skip(index, 'Observation', 'unsupported-code', 'Not a vital sign this chart records.', '/code'));
    else if (read.unknownUnit) skipped.push(skip(index, 'Observation', 'unsupported-code', 'The unit cannot be converted to the chart’s.', '/valueQuantity/code'));
    else {
      Object.assign(values, read.values);
      if (index !== group.index) used.push({ index, resourceType: 'Observation' });
    }
  }
  const at = fromInstant(head.effectiveDateTime ?? head.effectiveInstant ?? head.effectivePeriod?.start);
  if (at === null) return { skipped: [skip(group.index, 'Observation', 'missing-field', 'The observation has no time.', '/effectiveDateTime'), ...skipped] };
  const encounter = context.resolve(head.encounter);
  if (Object.keys(values).length === 0 && used.length === 0) return { skipped };
  const parsed = vitalsInputSchema.safeParse({ at, encounterId: encounter?.resource.resourceType === 'Encounter' ? encounter.id : null, ...values });
  if (!parsed.success) return { skipped: [invalid(group.index, 'Observation', parsed.error, POINTERS), ...skipped] };
  return {
    vitals: { index: group.index, parts: used, id: context.idAt(group.index), fields: parsed.data, recordedBy: named(head.performer?.find((p) => p.display)?.display), createdAt: null },
    skipped,
  };
}

export function isVitalSign(observation: Observation): boolean {
  return observation.category?.some((category) => category.coding?.some((coding) => coding.code === 'vital-signs')) === true || valuesOf(observation) !== null || hasLoinc(observation, VITAL_CODES.panel.loinc);
}

export function isPanel(observation: Observation): boolean {
  return hasLoinc(observation, VITAL_CODES.panel.loinc) || (observation.hasMember?.length ?? 0) > 0;
}
