import { Alert, Button, Card, Input, Modal, Space, Tag, Typography } from 'antd';
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CdsDraft, DraftEntryKind } from '../../../preload/contract/analytics.ts';
import type { RequestOf } from '../../../preload/contract/index.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { ChartContext } from '../../patients/chart/ChartContext.ts';
import { AllergyForm } from '../../patients/chart/lists/AllergyForm.tsx';
import { MedicationForm } from '../../patients/chart/lists/MedicationForm.tsx';
import { ProblemForm } from '../../patients/chart/lists/ProblemForm.tsx';
import { FormModal } from '../../forms/FormModal.tsx';
import { useSession } from '../../session/SessionContext.ts';
import { formatTime } from '../format.ts';

/** A draft's code and name, as far as the proposed resource has them. */
function draftLabel(resource: Record<string, unknown>): string {
  const concept = (resource.code ?? resource.medicationCodeableConcept) as { text?: string; coding?: Array<{ code?: string; display?: string }> } | undefined;
  const coding = concept?.coding?.[0];
  return [coding?.code, coding?.display ?? concept?.text].filter(Boolean).join(' ') || '—';
}

interface Props {
  patientId: string;
  drafts: readonly CdsDraft[];
  /** A draft was applied or discarded: the drafts are read again. */
  onReviewed: () => void;
}

/**
 * Drafts kept from accepted advice, for a physician's review: "Review" opens the chart's own form with the
 * proposal filled in, to correct and apply (it becomes the chart entry, with the chart's rules and audit),
 * or the draft is discarded with a reason. Reviewed drafts stay listed with what became of them.
 * Test ids: `cds-drafts`, `cds-draft-<draftId>`, `cds-draft-review-<draftId>`, `cds-draft-discard-<draftId>`,
 * `cds-draft-discard-reason`, `cds-draft-discard-confirm`; the review dialog holds the chart form's own ids.
 */
export function CdsDrafts({ patientId, drafts, onReviewed }: Props) {
  const { t } = useTranslation();
  const { role } = useSession();
  const chart = useContext(ChartContext);
  const [reviewing, setReviewing] = useState<CdsDraft | null>(null);
  const [discarding, setDiscarding] = useState<CdsDraft | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canReview = role === 'physician';

  if (drafts.length === 0) return null;

  const applied = (kind: DraftEntryKind) => {
    setReviewing(null);
    onReviewed();
    // The chart's lists show the new entry; an allergy also moves the header's flag.
    chart?.changed({ patient: kind === 'allergy' });
  };
  const apply = (draftId: string, entry: RequestOf<'analytics.cds.drafts.apply'>['entry']) => call('analytics.cds.drafts.apply', { draftId, entry });
  const discard = async (draft: CdsDraft) => {
    setDiscarding(null);
    setError(null);
    try {
      await call('analytics.cds.drafts.discard', { draftId: draft.id, reason: reason.trim() });
      setReason('');
      onReviewed();
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };

  const form = (draft: CdsDraft) => {
    const close = () => setReviewing(null);
    switch (draft.proposal?.kind) {
      case 'problem':
        return <ProblemForm patientId={patientId} problem={undefined} draft={{ proposed: draft.proposal.problem, apply: (problem) => apply(draft.id, { kind: 'problem', problem }) }} onSaved={() => applied('problem')} onCancel={close} />;
      case 'medication':
        return (
          <MedicationForm
            patientId={patientId}
            medication={undefined}
            draft={{ proposed: draft.proposal.medication, apply: (medication) => apply(draft.id, { kind: 'medication', medication }) }}
            onSaved={() => applied('medication')}
            onCancel={close}
          />
        );
      case 'allergy':
        return <AllergyForm patientId={patientId} allergy={undefined} draft={{ proposed: draft.proposal.allergy, apply: (allergy) => apply(draft.id, { kind: 'allergy', allergy }) }} onSaved={() => applied('allergy')} onCancel={close} />;
      default:
        return null;
    }
  };

  return (
    <Card size="small" title={t('analytics.cds.review.title')} data-testid="cds-drafts">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon title={error} />}
        {!canReview && <Typography.Text type="secondary">{t('analytics.cds.review.physicianOnly')}</Typography.Text>}
        {drafts.map((draft) => (
          <div key={draft.id} data-testid={`cds-draft-${draft.id}`}>
            <Space wrap>
              <Tag>{draft.proposal ? t(`analytics.cds.review.kinds.${draft.proposal.kind}`) : draft.resourceType}</Tag>
              <span>{draftLabel(draft.resource)}</span>
              <Typography.Text type="secondary">{t('analytics.cds.review.accepted', { name: draft.createdByName, time: formatTime(draft.createdAt) })}</Typography.Text>
              {draft.status === 'draft' && canReview && (
                <>
                  {draft.proposal && (
                    <Button size="small" type="primary" onClick={() => setReviewing(draft)} data-testid={`cds-draft-review-${draft.id}`}>
                      {t('analytics.cds.review.review')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setDiscarding(draft)} data-testid={`cds-draft-discard-${draft.id}`}>
                    {t('analytics.cds.review.discard')}
                  </Button>
                </>
              )}
              {draft.status === 'applied' && draft.applied && (
                <Tag color="green">{t('analytics.cds.review.applied', { kind: t(`analytics.cds.review.kinds.${draft.applied.kind}`), name: draft.reviewedByName ?? '', time: formatTime(draft.reviewedAt ?? draft.createdAt) })}</Tag>
              )}
              {draft.status === 'discarded' && <Tag>{t('analytics.cds.review.discarded', { name: draft.reviewedByName ?? '', reason: draft.discardReason ?? '' })}</Tag>}
            </Space>
            {draft.status === 'draft' && !draft.proposal && <Typography.Paragraph type="secondary">{t('analytics.cds.review.notApplicable')}</Typography.Paragraph>}
          </div>
        ))}
      </Space>
      <FormModal open={reviewing !== null} title={reviewing?.proposal ? t(`analytics.cds.review.dialog.${reviewing.proposal.kind}`) : ''} onClose={() => setReviewing(null)}>
        {reviewing && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('analytics.cds.review.check')} />
            {form(reviewing)}
          </>
        )}
      </FormModal>
      <Modal
        open={discarding !== null}
        title={t('analytics.cds.review.discardReason')}
        okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'cds-draft-discard-confirm' } as never}
        onCancel={() => setDiscarding(null)}
        onOk={() => void discard(discarding!)}
      >
        <Input.TextArea value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} data-testid="cds-draft-discard-reason" />
      </Modal>
    </Card>
  );
}
