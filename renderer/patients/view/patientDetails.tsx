import type { DescriptionsProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Patient } from '../../../preload/contract/patients.ts';

/**
 * The contact and coverage facts shown under a patient's name, as Descriptions
 * items; `identifier` renders the ID (masked on the chart, with its reveal toggle).
 */
export function patientDetails(t: TFunction, patient: Patient, identifier: (id: NonNullable<Patient['identifier']>) => ReactNode): DescriptionsProps['items'] {
  const none = t('patients.view.none');
  const contact = patient.emergencyContact;
  return [
    { key: 'identifier', label: t('patients.view.identifier'), children: patient.identifier ? identifier(patient.identifier) : none },
    { key: 'phones', label: t('patients.view.phones'), children: patient.phones.join(' / ') || none },
    { key: 'address', label: t('patients.view.address'), children: patient.address ?? none },
    { key: 'insurance', label: t('patients.view.insurance'), children: patient.insurance ? `${patient.insurance.provider} ${patient.insurance.number}` : none },
    {
      key: 'emergency',
      label: t('patients.view.emergency'),
      children: contact ? [contact.name, contact.relation, contact.phone].filter(Boolean).join(' · ') : none,
    },
    { key: 'notes', label: t('patients.view.notes'), children: patient.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{patient.notes}</span> : none, span: 'filled' },
  ];
}
