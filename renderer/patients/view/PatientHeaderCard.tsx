import { Card, Descriptions, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { ExportFhirButton } from '../../fhir/ExportFhirButton.tsx';
import { ageText } from '../format/ageText.ts';
import { AllergyTag } from './AllergyTag.tsx';
import { MaskedIdentifier } from './MaskedIdentifier.tsx';
import { patientDetails } from './patientDetails.tsx';

/** Who the patient is, at a glance: name, sex, age, MRN and allergy state first, then contact and coverage. */
export function PatientHeaderCard({ patient, actions }: { patient: Patient; actions: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Flex justify="space-between" align="start" gap="middle" wrap>
        <Flex vertical gap={4}>
          <Space size="middle" align="baseline" wrap>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }} data-testid="patient-view-name">
              {patient.fullName}
            </Typography.Title>
            {patient.pinyin && <Typography.Text type="secondary">{patient.pinyin}</Typography.Text>}
          </Space>
          <Space size="middle" wrap>
            <span>{t(`patients.sexes.${patient.sex}`)}</span>
            <span>{ageText(t, patient.birthDate)}</span>
            <span>{patient.birthDate}</span>
            <span>
              {t('patients.columns.mrn')}{' '}
              <Typography.Text strong copyable={{ text: patient.mrn }}>
                <span data-testid="patient-view-mrn">{patient.mrn}</span>
              </Typography.Text>
            </span>
          </Space>
        </Flex>
        <Flex gap="small" align="center" wrap>
          <AllergyTag state={patient.allergies} />
          {actions}
          <ExportFhirButton patientId={patient.id} />
        </Flex>
      </Flex>
      <Descriptions
        size="small"
        style={{ marginTop: 16 }}
        column={{ xs: 1, md: 2, xl: 3 }}
        items={patientDetails(t, patient, (identifier) => <MaskedIdentifier patientId={patient.id} identifier={identifier} />)}
      />
    </Card>
  );
}
