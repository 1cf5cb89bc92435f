import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '../../../../preload/contract/chart.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { canAuthor } from '../chartPermissions.ts';
import { formatAt } from '../format/chartDates.ts';
import { EncounterDrawer } from './EncounterDrawer.tsx';

/** The visits, newest first; one opens in a drawer. Test ids: `encounter-new`, `encounter-list`, `encounter-item-<id>`. */
export function EncountersPanel() {
  const { t } = useTranslation();
  const { role } = useSession();
  const { chart } = useChartView();
  // undefined: closed; null: a new visit; else the visit opened.
  const [open, setOpen] = useState<Encounter | null>();

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('chart.encounters.title')}
        </Typography.Title>
        {canAuthor(role) && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(null)} data-testid="encounter-new">
            {t('chart.encounters.new')}
          </Button>
        )}
      </Flex>
      {chart.encounters.length === 0 && <Empty description={t('chart.encounters.none')} />}
      <Flex vertical gap="small" data-testid="encounter-list">
        {chart.encounters.map((encounter) => (
          <Card key={encounter.id} size="small" hoverable onClick={() => setOpen(encounter)} data-testid={`encounter-item-${encounter.id}`}>
            <Flex justify="space-between" gap="middle" wrap>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {formatAt(encounter.at)} · {encounter.provider.name}
                </Typography.Text>
                {encounter.chiefComplaint && <Typography.Text ellipsis>{encounter.chiefComplaint}</Typography.Text>}
                <span>
                  {encounter.diagnoses.map((diagnosis) => (
                    <Tag key={diagnosis.code}>
                      {diagnosis.code} {diagnosis.text}
                    </Tag>
                  ))}
                </span>
              </Flex>
              <Tag color={encounter.status === 'signed' ? 'green' : 'gold'} style={{ alignSelf: 'start' }}>
                {t(`chart.encounters.statuses.${encounter.status}`)}
              </Tag>
            </Flex>
          </Card>
        ))}
      </Flex>
      {open !== undefined && <EncounterDrawer encounter={open ?? undefined} onClose={() => setOpen(undefined)} />}
    </Flex>
  );
}
