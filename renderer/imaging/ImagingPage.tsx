/**
 * The imaging section (always dark): the study list and the viewer, with the import, reconciliation and
 * PACS panels for the roles allowed to use them (each tab follows its contract channel's access list).
 * `#/imaging/studies/<id>` opens that study in the viewer (the chart links there); closing it goes back to `#/imaging`.
 * Test ids: `imaging-page`, `imaging-tabs`, `imaging-tab-<studies|import|reconcile|pacs>`.
 */
import { App, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { imagingChannels, type StudySummary } from '../../preload/contract/imaging.ts';
import type { Role } from '../../preload/contract/roles.ts';
import { useLocationHash } from '../frame/useHashSection.ts';
import { call } from '../platform/api.ts';
import { useSession } from '../session/SessionContext.ts';
import { ImportPanel } from './import/ImportPanel.tsx';
import { PacsPanel } from './pacs/PacsPanel.tsx';
import { ReconcilePanel } from './reconcile/ReconcilePanel.tsx';
import { StudyList } from './viewer/ui/StudyList.tsx';
import { studyIdFromHash } from './studyRoute.ts';
import { beginOpening } from './viewer/studyOpening.ts';
import { StudyViewer } from './viewer/ui/StudyViewer.tsx';
import { warmUpViewer } from './viewer/viewport/runtime.ts';

const allowed = (channel: keyof typeof imagingChannels, role: Role) => (imagingChannels[channel].access as readonly Role[]).includes(role);

// Default export: loaded lazily by frame/sections.ts.
export default function ImagingPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const [study, setStudy] = useState<StudySummary | null>(null);
  const [tab, setTab] = useState('studies');
  // Bumped after an import, a link or a retrieval, so the study list asks again.
  const [listVersion, setListVersion] = useState(0);
  const canView = allowed('imaging.series.list', role);
  useEffect(() => {
    if (canView) warmUpViewer();
  }, [canView]);
  const { message } = App.useApp();
  const routedId = studyIdFromHash(useLocationHash());
  useEffect(() => {
    if (!routedId || !canView) return;
    let current = true;
    beginOpening(routedId);
    call('imaging.studies.get', { studyId: routedId }).then(
      (summary) => current && setStudy(summary),
      () => {
        if (!current) return;
        void message.error(t('imagingViewer.errors.openLink'));
        window.location.hash = '#/imaging';
      },
    );
    return () => {
      current = false;
    };
  }, [routedId, canView, message, t]);
  const closeStudy = () => {
    setStudy(null);
    if (routedId) window.location.hash = '#/imaging';
  };

  const showStudies = () => {
    setListVersion((v) => v + 1);
    setTab('studies');
  };

  if (study) {
    return (
      <div data-testid="imaging-page" style={{ height: 'calc(100vh - 96px)', minHeight: 560 }}>
        <StudyViewer study={study} onClose={closeStudy} />
      </div>
    );
  }
  const tabs = [
    { key: 'studies', label: t('imagingViewer.tabs.studies'), children: <StudyList key={listVersion} onOpen={canView ? setStudy : undefined} /> },
    ...(allowed('imaging.import.start', role) ? [{ key: 'import', label: t('imagingViewer.tabs.import'), children: <ImportPanel onImported={showStudies} /> }] : []),
    ...(allowed('imaging.reconcile.list', role) ? [{ key: 'reconcile', label: t('imagingViewer.tabs.reconcile'), children: <ReconcilePanel onLinked={showStudies} /> }] : []),
    ...(allowed('imaging.pacs.search', role) ? [{ key: 'pacs', label: t('imagingViewer.tabs.pacs'), children: <PacsPanel onRetrieved={showStudies} /> }] : []),
  ];
  return (
    <div data-testid="imaging-page">
      <Tabs
        data-testid="imaging-tabs"
        activeKey={tab}
        onChange={setTab}
        items={tabs.map((item) => ({ ...item, label: <span data-testid={`imaging-tab-${item.key}`}>{item.label}</span> }))}
      />
    </div>
  );
}
