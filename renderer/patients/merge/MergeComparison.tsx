import { Table, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { ageText } from '../format/ageText.ts';
import { maskIdentifier } from '../format/maskIdentifier.ts';
import { patientDetails } from '../view/patientDetails.tsx';

interface Row {
  key: string;
  label: ReactNode;
  survivor: ReactNode;
  duplicate: ReactNode;
}

/** A patient's facts in comparison order: who they are, then the chart header's details. */
function facts(t: TFunction, patient: Patient): { key: string; label: ReactNode; value: ReactNode }[] {
  const who = [
    { key: 'name', label: t('patients.columns.name'), value: patient.fullName },
    { key: 'pinyin', label: t('patients.columns.pinyin'), value: patient.pinyin ?? t('patients.view.none') },
    { key: 'sex', label: t('patients.columns.sex'), value: t(`patients.sexes.${patient.sex}`) },
    { key: 'birthDate', label: t('patients.columns.birthDate'), value: `${patient.birthDate} (${ageText(t, patient.birthDate)})` },
    { key: 'mrn', label: t('patients.columns.mrn'), value: patient.mrn },
    { key: 'allergies', label: t('patients.form.allergies'), value: t(`patients.allergyTags.${patient.allergies}`) },
  ];
  const details = (patientDetails(t, patient, (id) => `${t(`patients.idTypes.${id.type}`)} ${maskIdentifier(id.value)}`) ?? []).map((item) => ({
    key: String(item.key),
    label: item.label,
    value: item.children,
  }));
  return [...who, ...details];
}

/** The two records side by side, field by field, so the administrator can judge they are one person. */
export function MergeComparison({ survivor, duplicate }: { survivor: Patient; duplicate: Patient }) {
  const { t } = useTranslation();
  const duplicateFacts = facts(t, duplicate);
  const rows: Row[] = facts(t, survivor).map((fact, index) => ({ key: fact.key, label: fact.label, survivor: fact.value, duplicate: duplicateFacts[index]?.value }));
  const columns: TableColumnsType<Row> = [
    { key: 'label', title: t('patients.merge.field'), dataIndex: 'label', width: 140 },
    { key: 'survivor', title: t('patients.merge.survivor'), dataIndex: 'survivor' },
    { key: 'duplicate', title: t('patients.merge.duplicate'), dataIndex: 'duplicate' },
  ];
  return <Table<Row> size="small" columns={columns} dataSource={rows} pagination={false} data-testid="merge-comparison" />;
}
