import { Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '../../../../preload/contract/chart.ts';
import { formatAt } from '../format/chartDates.ts';

/** Shown when not empty: notes keep their line breaks; text is always rendered as text, never markup. */
function Section({ title, text, testId }: { title: string; text: string; testId: string }) {
  if (!text) return null;
  return (
    <div>
      <Typography.Title level={3} style={{ fontSize: 14, marginBottom: 4 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {text}
      </Typography.Paragraph>
    </div>
  );
}

/** A visit note as read: header facts, SOAP, diagnoses, orders, signature and addenda. Test ids: `encounter-view-*`. */
export function EncounterView({ encounter }: { encounter: Encounter }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="small" data-testid="encounter-view">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'at', label: t('chart.encounters.at'), children: formatAt(encounter.at) },
          { key: 'provider', label: t('chart.encounters.provider'), children: encounter.provider.name },
          { key: 'author', label: t('chart.encounters.author'), children: encounter.author.name },
          {
            key: 'status',
            label: t('chart.encounters.status'),
            children: encounter.signedAt ? t('chart.encounters.signedBy', { name: encounter.signedBy?.name ?? '', at: formatAt(encounter.signedAt) }) : t('chart.encounters.statuses.draft'),
          },
        ]}
      />
      <Section title={t('chart.encounters.chiefComplaint')} text={encounter.chiefComplaint} testId="encounter-view-chief-complaint" />
      <Section title={t('chart.encounters.subjective')} text={encounter.subjective} testId="encounter-view-subjective" />
      <Section title={t('chart.encounters.objective')} text={encounter.objective} testId="encounter-view-objective" />
      <Section title={t('chart.encounters.assessment')} text={encounter.assessment} testId="encounter-view-assessment" />
      {encounter.diagnoses.length > 0 && (
        <div>
          <Typography.Title level={3} style={{ fontSize: 14, marginBottom: 4 }}>
            {t('chart.encounters.diagnoses')}
          </Typography.Title>
          <Flex vertical gap={4} data-testid="encounter-view-diagnoses">
            {encounter.diagnoses.map((diagnosis, index) => (
              <span key={diagnosis.code}>
                <Tag color={index === 0 ? 'blue' : undefined}>{diagnosis.code}</Tag>
                {diagnosis.text}
              </span>
            ))}
          </Flex>
        </div>
      )}
      <Section title={t('chart.encounters.plan')} text={encounter.plan} testId="encounter-view-plan" />
      <Section title={t('chart.encounters.orders')} text={encounter.orders} testId="encounter-view-orders" />
      {encounter.addenda.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('chart.encounters.addenda')}</Typography.Text>}
          dataSource={encounter.addenda}
          data-testid="encounter-view-addenda"
          renderItem={(addendum) => (
            <List.Item>
              <List.Item.Meta
                title={`${formatAt(addendum.at)} · ${addendum.author.name}`}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{addendum.text}</span>}
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
