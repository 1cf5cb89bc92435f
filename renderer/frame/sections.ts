import {
  BarChartOutlined,
  CalendarOutlined,
  PictureOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ADMIN_ONLY, ANALYSTS, CLINICAL_ROLES, type Role } from '../../preload/contract/roles.ts';

export type SectionId = 'patients' | 'schedule' | 'imaging' | 'analytics' | 'sync' | 'admin';

export interface Section {
  readonly id: SectionId;
  readonly Icon: typeof TeamOutlined;
  /** Loaded on first visit, so heavy sections (imaging) do not slow the start. */
  readonly Page: LazyExoticComponent<ComponentType>;
  /** Rendered with the dark theme regardless of the general theme preference. */
  readonly alwaysDark: boolean;
  /** Who sees it in the navigation and may open it; main still checks every call. */
  readonly roles: readonly Role[];
}

/** The navigation order; Alt+1…6 follow the sections a role sees. */
export const SECTIONS: readonly Section[] = [
  { id: 'patients', Icon: TeamOutlined, Page: lazy(() => import('../patients/PatientsPage.tsx')), alwaysDark: false, roles: CLINICAL_ROLES },
  { id: 'schedule', Icon: CalendarOutlined, Page: lazy(() => import('../schedule/SchedulePage.tsx')), alwaysDark: false, roles: CLINICAL_ROLES },
  { id: 'imaging', Icon: PictureOutlined, Page: lazy(() => import('../imaging/ImagingPage.tsx')), alwaysDark: true, roles: CLINICAL_ROLES },
  { id: 'analytics', Icon: BarChartOutlined, Page: lazy(() => import('../analytics/AnalyticsPage.tsx')), alwaysDark: false, roles: ANALYSTS },
  { id: 'sync', Icon: SyncOutlined, Page: lazy(() => import('../sync/SyncPage.tsx')), alwaysDark: false, roles: CLINICAL_ROLES },
  { id: 'admin', Icon: SettingOutlined, Page: lazy(() => import('../admin/AdminPage.tsx')), alwaysDark: false, roles: ADMIN_ONLY },
];

export const DEFAULT_SECTION: SectionId = 'patients';

export function sectionsFor(role: Role): readonly Section[] {
  return SECTIONS.filter((section) => section.roles.includes(role));
}

export function findSection(id: string | undefined, sections: readonly Section[] = SECTIONS): Section | undefined {
  return sections.find((section) => section.id === id);
}

export function sectionById(id: SectionId): Section {
  const section = findSection(id);
  if (!section) throw new Error(`No section ${id}.`);
  return section;
}
