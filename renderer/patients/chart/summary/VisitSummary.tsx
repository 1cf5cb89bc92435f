import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../preload/contract/patients.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { ageText } from '../../format/ageText.ts';
import { useChartView } from '../ChartContext.ts';
import { openChart } from '../chartRoute.ts';
import { formatAt } from '../format/chartDates.ts';
import { vitalsText } from '../format/vitalsText.ts';
import './visitSummary.css';

function Note({ title, text }: { title: string; text: string }) {
  if (!text) return null;
  return (
    <>
      <h2>{title}</h2>
      <p>{text}</p>
    </>
  );
}

/**
 * `#/patients/<id>/visit/<encounterId>`: one visit on an A4 sheet, with the patient's active allergies, problems and
 * medications; "Print / Save as PDF" uses the system print dialog (print CSS leaves only the sheet).
 * Test ids: `visit-summary`, `visit-summary-print`, `visit-summary-back`.
 */
export function VisitSummary({ patient, encounterId }: { patient: Patient; encounterId: string }) {
  const { t } = useTranslation();
  const { clinicName } = useSession();
  const { chart } = useChartView();
  const encounter = chart.encounters.find((candidate) => candidate.id === encounterId);
  const back = () => openChart(patient.id);

  if (!encounter) {
    return <Result status="warning" title={t('chart.summary.notFound')} extra={<Button onClick={back}>{t('chart.summary.back')}</Button>} />;
  }
  const vitals = chart.vitals.filter((set) => set.encounterId === encounter.id);
  const allergies = chart.allergies.filter((allergy) => allergy.status === 'active');
  const problems = chart.problems.filter((problem) => problem.status === 'active');
  const medications = chart.medications.filter((medication) => medication.status === 'active');

  return createPortal(
    <div className="visit-summary-page" data-testid="visit-summary">
      <div className="visit-summary-actions">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back} data-testid="visit-summary-back">
          {t('chart.summary.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()} data-testid="visit-summary-print">
          {t('chart.summary.print')}
        </Button>
      </div>
      <article className="visit-summary-sheet" aria-label={t('chart.summary.title')}>
        <div className="muted">{clinicName}</div>
        <h1>{t('chart.summary.title')}</h1>
        <table>
          <tbody>
            <tr>
              <th>{t('chart.summary.patient')}</th>
              <td>
                {patient.fullName} · {t(`patients.sexes.${patient.sex}`)} · {ageText(t, patient.birthDate)} ({patient.birthDate})
              </td>
              <th>{t('patients.columns.mrn')}</th>
              <td>{patient.mrn}</td>
            </tr>
            <tr>
              <th>{t('chart.encounters.at')}</th>
              <td>{formatAt(encounter.at)}</td>
              <th>{t('chart.encounters.provider')}</th>
              <td>{encounter.provider.name}</td>
            </tr>
          </tbody>
        </table>

        <h2>{t('chart.allergies.title')}</h2>
        <p data-testid="visit-summary-allergies">
          {allergies.length === 0
            ? t(`patients.allergyTags.${patient.allergies}`)
            : allergies.map((allergy) => `${allergy.substance}${allergy.reaction ? ` (${allergy.reaction})` : ''} – ${t(`chart.allergies.severities.${allergy.severity}`)}`).join('; ')}
        </p>

        <Note title={t('chart.encounters.chiefComplaint')} text={encounter.chiefComplaint} />
        {vitals.length > 0 && (
          <>
            <h2>{t('chart.vitals.title')}</h2>
            {vitals.map((set) => (
              <p key={set.id}>
                <span className="muted">{formatAt(set.at)}</span> {vitalsText(t, set)}
              </p>
            ))}
          </>
        )}
        <Note title={t('chart.encounters.subjective')} text={encounter.subjective} />
        <Note title={t('chart.encounters.objective')} text={encounter.objective} />
        <Note title={t('chart.encounters.assessment')} text={encounter.assessment} />
        {encounter.diagnoses.length > 0 && (
          <>
            <h2>{t('chart.encounters.diagnoses')}</h2>
            <table data-testid="visit-summary-diagnoses">
              <tbody>
                {encounter.diagnoses.map((diagnosis) => (
                  <tr key={diagnosis.code}>
                    <th>{diagnosis.code}</th>
                    <td>{diagnosis.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <Note title={t('chart.encounters.plan')} text={encounter.plan} />
        <Note title={t('chart.encounters.orders')} text={encounter.orders} />
        {medications.length > 0 && (
          <>
            <h2>{t('chart.summary.currentMedications')}</h2>
            {medications.map((medication) => (
              <p key={medication.id}>
                {[medication.name, medication.dose, t(`chart.medications.routes.${medication.route}`), medication.frequency].filter(Boolean).join(' · ')}
              </p>
            ))}
          </>
        )}
        {problems.length > 0 && (
          <>
            <h2>{t('chart.summary.activeProblems')}</h2>
            <p>{problems.map((problem) => `${problem.code} ${problem.text}`).join('; ')}</p>
          </>
        )}
        {encounter.addenda.map((addendum) => (
          <Note key={addendum.id} title={`${t('chart.encounters.addendum')} · ${formatAt(addendum.at)} · ${addendum.author.name}`} text={addendum.text} />
        ))}
        <div className="signature">
          <span>
            {encounter.signedAt
              ? t('chart.encounters.signedBy', { name: encounter.signedBy?.name ?? '', at: formatAt(encounter.signedAt) })
              : t('chart.summary.unsigned')}
          </span>
          <span className="muted">{t('chart.summary.printedAt', { at: formatAt(Date.now()) })}</span>
        </div>
      </article>
    </div>,
    document.body,
  );
}
