/**
 * The viewer's side panel: measurements and key images, the tag browser, and the report for roles that may
 * read it. Memoised, so a scroll step (which re-renders the viewer) does not re-render the panel unless the
 * image it describes changed.
 * Test ids: `viewer-side-tabs`, `side-tab-measurements`, `side-tab-tags`, `side-tab-report`, plus those of its panels.
 */
import { Tabs } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportPanel } from '../../reports/ReportPanel.tsx';
import { MeasurementsPanel } from './MeasurementsPanel.tsx';
import { TagBrowser } from './TagBrowser.tsx';
import type { StudyAnnotations } from './useStudyAnnotations.ts';

type Annotations = Pick<StudyAnnotations, 'measurements' | 'keyImages' | 'saveState' | 'canSave' | 'remove'>;

export const SidePanel = memo(function SidePanel(props: Annotations & {
  studyId: string;
  instanceId: string | undefined;
  canReadReports: boolean;
  isCt: (instanceId: string) => boolean;
  onGoTo: (instanceId: string, frame: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Tabs
      data-testid="viewer-side-tabs"
      items={[
        {
          key: 'measurements',
          label: <span data-testid="side-tab-measurements">{t('imagingViewer.measurements.tab')}</span>,
          children: (
            <MeasurementsPanel
              measurements={props.measurements}
              keyImages={props.keyImages}
              saveState={props.saveState}
              isCt={props.isCt}
              canEdit={props.canSave}
              onRemove={props.remove}
              onGoTo={props.onGoTo}
            />
          ),
        },
        { key: 'tags', label: <span data-testid="side-tab-tags">{t('imagingViewer.tags.tab')}</span>, children: <TagBrowser instanceId={props.instanceId} /> },
        ...(props.canReadReports
          ? [{ key: 'report', label: <span data-testid="side-tab-report">{t('imagingViewer.tabs.report')}</span>, children: <ReportPanel studyId={props.studyId} /> }]
          : []),
      ]}
    />
  );
});
