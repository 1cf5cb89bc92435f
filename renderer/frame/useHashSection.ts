import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_SECTION, findSection, type Section, type SectionId } from './sections.ts';

// Hash routing: works under file:// and custom schemes, and deep links like `#/imaging` survive a reload.

export function sectionHref(id: SectionId): string {
  return `#/${id}`;
}

export function goToSection(id: SectionId): void {
  window.location.hash = sectionHref(id);
}

/** `#/patients/…`: the first segment names the section; later segments are the section's own. */
function sectionFromHash(hash: string, sections: readonly Section[]): SectionId | undefined {
  return findSection(hash.replace(/^#\/?/, '').split('/')[0], sections)?.id;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The URL hash, kept current; sections read their own segments from it. */
export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/**
 * The section named by the URL hash, among those the user may see; an empty,
 * unknown or not-permitted hash is replaced by the default section's.
 */
export function useHashSection(sections: readonly Section[]): SectionId {
  const section = sectionFromHash(useLocationHash(), sections);
  useEffect(() => {
    if (!section) window.location.replace(sectionHref(DEFAULT_SECTION));
  }, [section]);
  return section ?? DEFAULT_SECTION;
}
