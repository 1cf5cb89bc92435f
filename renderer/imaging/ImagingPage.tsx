import { SectionPlaceholder } from '../frame/SectionPlaceholder.tsx';

// Default export: loaded lazily by frame/sections.ts.
export default function ImagingPage() {
  return <SectionPlaceholder section="imaging" />;
}
