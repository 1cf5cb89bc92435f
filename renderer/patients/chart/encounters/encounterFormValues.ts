import dayjs, { type Dayjs } from 'dayjs';
import type { Encounter } from '../../../../preload/contract/chart.ts';
import { toInstant } from '../format/chartDates.ts';

/** The "me" choice of the provider select: the signed-in physician, sent as a null providerId. */
export const SELF_PROVIDER = '';

export interface EncounterFormValues {
  at: Dayjs | null;
  providerId: string;
  appointmentId: string | undefined;
  chiefComplaint: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  diagnoses: Array<{ code: string; text: string }>;
  orders: string;
}

export function encounterFormValues(encounter: Encounter | undefined): EncounterFormValues {
  return {
    at: encounter ? dayjs(encounter.at) : dayjs(),
    providerId: encounter?.provider.resourceId ?? SELF_PROVIDER,
    appointmentId: encounter?.appointmentId ?? undefined,
    chiefComplaint: encounter?.chiefComplaint ?? '',
    subjective: encounter?.subjective ?? '',
    objective: encounter?.objective ?? '',
    assessment: encounter?.assessment ?? '',
    plan: encounter?.plan ?? '',
    diagnoses: encounter?.diagnoses.map((diagnosis) => ({ ...diagnosis })) ?? [],
    orders: encounter?.orders ?? '',
  };
}

/** The request body the contract's `encounterInputSchema` checks. */
export function encounterRequest(values: EncounterFormValues): Record<string, unknown> {
  return {
    at: toInstant(values.at),
    providerId: values.providerId === SELF_PROVIDER ? null : values.providerId,
    appointmentId: values.appointmentId ?? null,
    chiefComplaint: values.chiefComplaint ?? '',
    subjective: values.subjective ?? '',
    objective: values.objective ?? '',
    assessment: values.assessment ?? '',
    plan: values.plan ?? '',
    diagnoses: (values.diagnoses ?? []).map((diagnosis) => ({ code: diagnosis.code ?? '', text: diagnosis.text ?? '' })),
    orders: values.orders ?? '',
  };
}
