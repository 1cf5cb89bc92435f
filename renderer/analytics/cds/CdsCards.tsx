import { Alert, Button, Card, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CdsCardEntry, CdsHook } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';
import { formatTime } from '../format.ts';
import { CdsDrafts } from './CdsDrafts.tsx';
import { useRequestsInFlight } from './useRequestsInFlight.ts';

const INDICATOR_COLOUR = { info: 'blue', warning: 'orange', critical: 'red' } as const;

/**
 * Decision-support cards of a patient, for the chart: each marked advisory, with its service and time;
 * accept (its suggestion is kept as a draft for review) or dismiss with a reason; the drafts' review below.
 * Also shows queued calls that have not gone out yet, and why, followed while the sync worker sends them. Test ids: `cds-request`, `cds-status-<requestId>`,
 * `cds-card-<cardId>`, `cds-accept-<cardId>`, `cds-dismiss-<cardId>`, `cds-dismiss-reason`.
 */
export function CdsCards({ patientId, hook = 'patient-view' }: { patientId: string; hook?: CdsHook }) {
  const { t } = useTranslation();
  const advice = useCall('analytics.cds.advice', { patientId });
  const drafts = useCall('analytics.cds.drafts', { patientId });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<CdsCardEntry | null>(null);
  const [reason, setReason] = useState('');
  const errorText = (code: string | null) => (code ? t(`analytics.cds.errors.${code as 'timeout'}`, { defaultValue: code }) : '');

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      advice.reload();
      drafts.reload();
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  // The sync worker sends the calls: their status is followed until each is answered or given up.
  const requests = useRequestsInFlight(patientId, advice.value?.requests, advice.reload).filter((request) => request.status !== 'done');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button loading={busy} onClick={() => void act(() => call('analytics.cds.request', { patientId, hook }))} data-testid="cds-request">
          {t('analytics.cds.request')}
        </Button>
        <Typography.Text type="secondary">{t('analytics.cds.deidentified')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {requests.map((request) => (
        <Alert
          key={request.id}
          type={request.status === 'failed' ? 'error' : 'warning'}
          showIcon
          data-testid={`cds-status-${request.id}`}
          title={
            request.status === 'failed'
              ? t('analytics.cds.failed', { server: request.serverName, error: errorText(request.lastError) })
              : t('analytics.cds.pending', { server: request.serverName, attempts: request.attempts, error: request.lastError ? ` · ${errorText(request.lastError)}` : '' })
          }
        />
      ))}
      {advice.value && advice.value.cards.length === 0 && <Typography.Text type="secondary">{t('analytics.cds.noCards')}</Typography.Text>}
      {advice.value?.cards.map((entry) => (
        <Card
          key={entry.id}
          size="small"
          data-testid={`cds-card-${entry.id}`}
          title={
            <Space>
              <Tag color="purple">{t('analytics.cds.advisory')}</Tag>
              <Tag color={INDICATOR_COLOUR[entry.card.indicator]}>{t(`analytics.cds.indicator.${entry.card.indicator}`)}</Tag>
              <span>{entry.card.summary}</span>
            </Space>
          }
          extra={<Typography.Text type="secondary">{t('analytics.cds.from', { server: `${entry.serverName} (${entry.card.source.label})`, time: formatTime(entry.receivedAt) })}</Typography.Text>}
        >
          {entry.card.detail && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{entry.card.detail}</Typography.Paragraph>}
          {entry.card.suggestions?.map((suggestion, index) => (
            <div key={suggestion.uuid ?? index}>
              {suggestion.isRecommended ? '★ ' : '• '}
              {suggestion.label}
            </div>
          ))}
          {entry.card.links?.map((link) =>
            link.type === 'absolute' && /^https?:\/\//.test(link.url) ? (
              <div key={link.url}>
                <a href={link.url} target="_blank" rel="noreferrer noopener">
                  {link.label}
                </a>
              </div>
            ) : null,
          )}
          <div style={{ marginTop: 8 }}>
            {entry.status === 'new' ? (
              <Space>
                <Button type="primary" size="small" loading={busy} onClick={() => void act(() => call('analytics.cds.cards.accept', { cardId: entry.id }))} data-testid={`cds-accept-${entry.id}`}>
                  {t('analytics.cds.accept')}
                </Button>
                <Button size="small" onClick={() => setDismissing(entry)} data-testid={`cds-dismiss-${entry.id}`}>
                  {t('analytics.cds.dismiss')}
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">
                {entry.status === 'accepted' ? t('analytics.cds.accepted') : t('analytics.cds.dismissed', { reason: entry.decisionReason ?? '' })} · {entry.decidedByName}
              </Typography.Text>
            )}
          </div>
        </Card>
      ))}
      <CdsDrafts patientId={patientId} drafts={drafts.value ?? []} onReviewed={drafts.reload} />
      <Modal
        open={dismissing !== null}
        title={t('analytics.cds.dismissReason')}
        okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'cds-dismiss-confirm' } as never}
        onCancel={() => setDismissing(null)}
        onOk={() => {
          const card = dismissing!;
          setDismissing(null);
          void act(() => call('analytics.cds.cards.dismiss', { cardId: card.id, reason: reason.trim() })).then(() => setReason(''));
        }}
      >
        <Input.TextArea value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} data-testid="cds-dismiss-reason" />
      </Modal>
    </Space>
  );
}
