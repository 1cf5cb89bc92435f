import { CheckCircleOutlined, QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AllergyState } from '../patientEnums.ts';

const LOOKS = {
  has: { color: 'error', Icon: WarningOutlined },
  unknown: { color: 'warning', Icon: QuestionCircleOutlined },
  none: { color: 'success', Icon: CheckCircleOutlined },
} satisfies Record<AllergyState, { color: string; Icon: typeof WarningOutlined }>;

/** Large and coloured: whoever opens the chart sees the allergy state before anything else. */
export function AllergyTag({ state }: { state: AllergyState }) {
  const { t } = useTranslation();
  const { color, Icon } = LOOKS[state];
  return (
    <Tag color={color} icon={<Icon aria-hidden />} style={{ fontSize: 15, lineHeight: '28px', paddingInline: 10, margin: 0 }} data-testid="patient-view-allergies" data-state={state}>
      {t(`patients.allergyTags.${state}`)}
    </Tag>
  );
}
