import {
  BarChartOutlined,
  CalendarOutlined,
  PictureOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type SectionId = 'patients' | 'schedule' | 'imaging' | 'analytics' | 'sync' | 'admin';

export interface Section {
  readonly id: SectionId;
  readonly Icon: typeof TeamOutlined;
  /** Loaded on first visit, so heavy sections (imaging) do not slow the start. */
  readonly Page: LazyExoticComponent<ComponentType>;
  /** Rendered with the dark theme regardless of the general theme preference. */
  readonly alwaysDark: boolean;
}

/** The navigation order; Alt+1…6 follow it. */
export const SECTIONS: readonly Section[] = [
  { id: 'patients', Icon: TeamOutlined, Page: lazy(() => import('../patients/PatientsPage.tsx')), alwaysDark: false },
  { id: 'schedule', Icon: CalendarOutlined, Page: lazy(() => import('../schedule/SchedulePage.tsx')), alwaysDark: false },
  { id: 'imaging', Icon: PictureOutlined, Page: lazy(() => import('../imaging/ImagingPage.tsx')), alwaysDark: true },
  { id: 'analytics', Icon: BarChartOutlined, Page: lazy(() => import('../analytics/AnalyticsPage.tsx')), alwaysDark: false },
  { id: 'sync', Icon: SyncOutlined, Page: lazy(() => import('../sync/SyncPage.tsx')), alwaysDark: false },
  { id: 'admin', Icon: SettingOutlined, Page: lazy(() => import('../admin/AdminPage.tsx')), alwaysDark: false },
];

export const DEFAULT_SECTION: SectionId = 'patients';

export function findSection(id: string | undefined): Section | undefined {
  return SECTIONS.find((section) => section.id === id);
}

export function sectionById(id: SectionId): Section {
  const section = findSection(id);
  if (!section) throw new Error(`No section ${id}.`);
  return section;
}
