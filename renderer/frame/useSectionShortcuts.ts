import { useEffect } from 'react';
import { SECTIONS, type SectionId } from './sections.ts';

/** Alt+1…6 jump to the sections in navigation order. */
export function useSectionShortcuts(onJump: (id: SectionId) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      // `code`, not `key`: Alt+digit types other characters on macOS and some layouts.
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1];
      const section = digit ? SECTIONS[Number(digit) - 1] : undefined;
      if (!section) return;
      event.preventDefault();
      onJump(section.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onJump]);
}

export function sectionShortcut(id: SectionId): string {
  return `Alt+${SECTIONS.findIndex((section) => section.id === id) + 1}`;
}
