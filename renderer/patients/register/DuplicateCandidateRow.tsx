import { Button, Flex, Space, Tag, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../preload/contract/patients.ts';
import { ageText } from '../format/ageText.ts';
import { maskPhone } from '../format/maskPhone.ts';

/** One likely existing record: who it is, why it was found, and a way to open it instead. */
export function DuplicateCandidateRow({ candidate, onOpen }: { candidate: DuplicateCandidate; onOpen: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex
      component="li"
      justify="space-between"
      align="center"
      gap="middle"
      wrap
      style={{ padding: `${token.paddingXS}px 0`, borderTop: `1px solid ${token.colorBorderSecondary}` }}
      data-testid={`duplicate-candidate-${candidate.mrn}`}
    >
      <Flex vertical gap={4}>
        <Space size="middle" wrap>
          <Typography.Text strong>{candidate.fullName}</Typography.Text>
          <span>{t(`patients.sexes.${candidate.sex}`)}</span>
          <span>
            {candidate.birthDate} ({ageText(t, candidate.birthDate)})
          </span>
          <span>
            {t('patients.columns.mrn')} {candidate.mrn}
          </span>
          {candidate.phones[0] && <span>{maskPhone(candidate.phones[0])}</span>}
        </Space>
        <Space size={4} wrap>
          {candidate.reasons.map((reason) => (
            <Tag key={reason} color="orange">
              {t(`patients.duplicates.reasons.${reason}`)}
            </Tag>
          ))}
        </Space>
      </Flex>
      <Button onClick={onOpen} data-testid={`duplicate-open-${candidate.mrn}`}>
        {t('patients.duplicates.open')}
      </Button>
    </Flex>
  );
}
