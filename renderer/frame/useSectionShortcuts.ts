import { useEffect } from 'react';
import type { Section, SectionId } from './sections.ts';

/** Alt+1…9 jump to the visible sections in navigation order. */
export function useSectionShortcuts(sections: readonly Section[], onJump: (id: SectionId) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      // `code`, not `key`: Alt+digit types other characters on macOS and some layouts.
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1];
      const section = digit ? sections[Number(digit) - 1] : undefined;
      if (!section) return;
      event.preventDefault();
      onJump(section.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [sections, onJump]);
}

/** The shortcut of the section at `index` in the navigation. */
export function sectionShortcut(index: number): string {
  return `Alt+${index + 1}`;
}
