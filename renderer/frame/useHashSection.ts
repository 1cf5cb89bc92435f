import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_SECTION, findSection, type SectionId } from './sections.ts';

// Hash routing: works under file:// and custom schemes, and deep links like `#/imaging` survive a reload.

export function sectionHref(id: SectionId): string {
  return `#/${id}`;
}

export function goToSection(id: SectionId): void {
  window.location.hash = sectionHref(id);
}

/** `#/patients/…`: the first segment names the section; later segments are the section's own. */
function sectionFromHash(hash: string): SectionId | undefined {
  return findSection(hash.replace(/^#\/?/, '').split('/')[0])?.id;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The section named by the URL hash; an empty or unknown hash is replaced by the default section's. */
export function useHashSection(): SectionId {
  const section = sectionFromHash(useSyncExternalStore(subscribe, () => window.location.hash));
  useEffect(() => {
    if (!section) window.location.replace(sectionHref(DEFAULT_SECTION));
  }, [section]);
  return section ?? DEFAULT_SECTION;
}
