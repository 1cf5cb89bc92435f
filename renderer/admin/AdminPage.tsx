import { SectionPlaceholder } from '../frame/SectionPlaceholder.tsx';

// Default export: loaded lazily by frame/sections.ts.
export default function AdminPage() {
  return <SectionPlaceholder section="admin" />;
}
