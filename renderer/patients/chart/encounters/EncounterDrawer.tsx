import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Drawer, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '../../../../preload/contract/chart.ts';
import { call } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { canAuthor, canRecordVitals } from '../chartPermissions.ts';
import { openVisitSummary } from '../chartRoute.ts';
import { formatAt } from '../format/chartDates.ts';
import { vitalsText } from '../format/vitalsText.ts';
import { RemoveEntryModal } from '../forms/RemoveEntryModal.tsx';
import { VitalsModal } from '../vitals/VitalsModal.tsx';
import { AddendumForm } from './AddendumForm.tsx';
import { EncounterForm } from './EncounterForm.tsx';
import { EncounterView } from './EncounterView.tsx';

interface Props {
  /** The visit opened; undefined for a new one. */
  encounter: Encounter | undefined;
  onClose: () => void;
}

/**
 * One visit: its author edits the draft, signs it, records its vitals; once signed it is read-only with addenda.
 * Test ids: `encounter-drawer`, `encounter-vitals-new`, `encounter-vitals`, `encounter-print`, `encounter-discard`.
 */
export function EncounterDrawer({ encounter: opened, onClose }: Props) {
  const { t } = useTranslation();
  const { role, user } = useSession();
  const { chart, changed } = useChartView();
  const [saved, setSaved] = useState<Encounter>();
  const [recordingVitals, setRecordingVitals] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const encounter = saved ?? opened;
  const editable = canAuthor(role) && (!encounter || (encounter.status === 'draft' && encounter.author.userId === user.id));
  const vitals = encounter ? chart.vitals.filter((set) => set.encounterId === encounter.id) : [];

  const keep = (next: Encounter) => {
    setSaved(next);
    changed();
  };

  return (
    <Drawer
      open
      size="large"
      onClose={onClose}
      destroyOnHidden
      title={
        <Space>
          {encounter ? t('chart.encounters.visitOf', { at: formatAt(encounter.at) }) : t('chart.encounters.new')}
          {encounter && <Tag color={encounter.status === 'signed' ? 'green' : 'gold'}>{t(`chart.encounters.statuses.${encounter.status}`)}</Tag>}
        </Space>
      }
      extra={
        encounter && (
          <Space>
            {editable && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDiscarding(true)} data-testid="encounter-discard">
                {t('chart.encounters.discard')}
              </Button>
            )}
            <Button icon={<PrinterOutlined aria-hidden />} onClick={() => openVisitSummary(chart.patientId, encounter.id)} data-testid="encounter-print">
              {t('chart.summary.open')}
            </Button>
          </Space>
        )
      }
      data-testid="encounter-drawer"
    >
      {editable ? (
        <EncounterForm patientId={chart.patientId} draft={encounter} onSaved={keep} />
      ) : (
        encounter && (
          <>
            {encounter.status === 'draft' && <Alert type="info" showIcon title={t('chart.encounters.draftOf', { name: encounter.author.name })} style={{ marginBottom: 12 }} />}
            <EncounterView encounter={encounter} />
            {encounter.status === 'signed' && canAuthor(role) && (
              <>
                <Divider />
                <AddendumForm encounter={encounter} onSaved={keep} />
              </>
            )}
          </>
        )
      )}
      {encounter && (
        <>
          <Divider />
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('chart.vitals.title')}</Typography.Text>
            {canRecordVitals(role) && (
              <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setRecordingVitals(true)} data-testid="encounter-vitals-new">
                {t('chart.vitals.record')}
              </Button>
            )}
          </Flex>
          <List
            size="small"
            dataSource={vitals}
            locale={{ emptyText: t('chart.vitals.none') }}
            data-testid="encounter-vitals"
            renderItem={(set) => (
              <List.Item>
                <Typography.Text type="secondary">{formatAt(set.at)}</Typography.Text>&nbsp;{vitalsText(t, set)}
              </List.Item>
            )}
          />
          <VitalsModal
            open={recordingVitals}
            patientId={chart.patientId}
            encounterId={encounter.id}
            onClose={() => setRecordingVitals(false)}
            onSaved={() => {
              setRecordingVitals(false);
              changed();
            }}
          />
          <RemoveEntryModal
            open={discarding}
            title={t('chart.encounters.discard')}
            subject={t('chart.encounters.discardSubject')}
            onClose={() => setDiscarding(false)}
            onRemove={(reason) => call('chart.encounters.discard', { id: encounter.id, reason })}
            onRemoved={() => {
              setDiscarding(false);
              changed();
              onClose();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
