/** `#/imaging/studies/<id>`: the imaging section with that study in the viewer (a link from the chart, or a reload). */
export function studyViewerHref(studyId: string): string {
  return `#/imaging/studies/${encodeURIComponent(studyId)}`;
}

/** The study a hash opens, if it names one. */
export function studyIdFromHash(hash: string): string | null {
  const match = /^#\/imaging\/studies\/([^/]+)$/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
