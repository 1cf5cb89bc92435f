import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Allergy, Problem } from '../../../../preload/contract/chart.ts';
import { call } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { canAuthor, canRecordAllergies } from '../chartPermissions.ts';
import { AllergyForm } from './AllergyForm.tsx';
import { EntryPanel } from './EntryPanel.tsx';
import { ProblemForm } from './ProblemForm.tsx';

const SEVERITY_COLORS: Record<Allergy['severity'], string | undefined> = { severe: 'red', moderate: 'orange', mild: 'gold', unknown: undefined };

/** The problem list and the allergy list (test id prefixes `problem`, `allergy`; see EntryPanel). */
export function ProblemsAndAllergies() {
  const { t } = useTranslation();
  const { role } = useSession();
  const { chart, changed } = useChartView();
  const dash = (value: string | null) => value || '—';

  return (
    <Flex vertical gap="large">
      <EntryPanel<Allergy>
        name="allergy"
        title={t('chart.allergies.title')}
        addLabel={t('chart.allergies.add')}
        emptyText={t('chart.allergies.none')}
        entries={chart.allergies}
        canWrite={canRecordAllergies(role)}
        columns={[
          { key: 'substance', title: t('chart.allergies.substance'), render: (_, allergy) => <strong>{allergy.substance}</strong> },
          { key: 'reaction', title: t('chart.allergies.reaction'), render: (_, allergy) => dash(allergy.reaction) },
          {
            key: 'severity',
            title: t('chart.allergies.severity'),
            render: (_, allergy) => <Tag color={SEVERITY_COLORS[allergy.severity]}>{t(`chart.allergies.severities.${allergy.severity}`)}</Tag>,
          },
          { key: 'status', title: t('chart.allergies.status'), render: (_, allergy) => t(`chart.allergies.statuses.${allergy.status}`) },
          { key: 'onset', title: t('chart.allergies.onset'), render: (_, allergy) => dash(allergy.onset) },
          { key: 'by', title: t('chart.recordedBy'), render: (_, allergy) => allergy.recordedBy.name },
        ]}
        form={(allergy, done, cancel) => <AllergyForm patientId={chart.patientId} allergy={allergy} onSaved={done} onCancel={cancel} />}
        subject={(allergy) => allergy.substance}
        remove={(allergy, reason) => call('chart.allergies.remove', { id: allergy.id, reason })}
        onChanged={() => changed({ patient: true })}
      />
      <EntryPanel<Problem>
        name="problem"
        title={t('chart.problems.title')}
        addLabel={t('chart.problems.add')}
        emptyText={t('chart.problems.none')}
        entries={chart.problems}
        canWrite={canAuthor(role)}
        columns={[
          { key: 'code', title: t('chart.problems.code'), render: (_, problem) => <Tag>{problem.code}</Tag> },
          { key: 'text', title: t('chart.problems.text'), render: (_, problem) => problem.text },
          { key: 'onset', title: t('chart.problems.onset'), render: (_, problem) => dash(problem.onset) },
          {
            key: 'status',
            title: t('chart.problems.status'),
            render: (_, problem) => (
              <Tag color={problem.status === 'active' ? 'blue' : undefined}>
                {t(`chart.problems.statuses.${problem.status}`)}
                {problem.resolvedOn ? ` ${problem.resolvedOn}` : ''}
              </Tag>
            ),
          },
          { key: 'by', title: t('chart.recordedBy'), render: (_, problem) => problem.recordedBy.name },
        ]}
        form={(problem, done, cancel) => <ProblemForm patientId={chart.patientId} problem={problem} onSaved={done} onCancel={cancel} />}
        subject={(problem) => `${problem.code} ${problem.text}`}
        remove={(problem, reason) => call('chart.problems.remove', { id: problem.id, reason })}
        onChanged={changed}
      />
    </Flex>
  );
}
