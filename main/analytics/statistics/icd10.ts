/** WHO ICD-10 (2019) chapters by their first and last three-character category. */
const CHAPTERS: ReadonlyArray<readonly [chapter: string, first: string, last: string]> = [
  ['I', 'A00', 'B99'],
  ['II', 'C00', 'D48'],
  ['III', 'D50', 'D89'],
  ['IV', 'E00', 'E90'],
  ['V', 'F00', 'F99'],
  ['VI', 'G00', 'G99'],
  ['VII', 'H00', 'H59'],
  ['VIII', 'H60', 'H95'],
  ['IX', 'I00', 'I99'],
  ['X', 'J00', 'J99'],
  ['XI', 'K00', 'K93'],
  ['XII', 'L00', 'L99'],
  ['XIII', 'M00', 'M99'],
  ['XIV', 'N00', 'N99'],
  ['XV', 'O00', 'O99'],
  ['XVI', 'P00', 'P96'],
  ['XVII', 'Q00', 'Q99'],
  ['XVIII', 'R00', 'R99'],
  ['XIX', 'S00', 'T98'],
  ['XX', 'V01', 'Y98'],
  ['XXI', 'Z00', 'Z99'],
  ['XXII', 'U00', 'U85'],
];

/**
 * A code as the chart stores it: a category (letter, two digits) and an
 * optional subdivision. National extensions (ICD-10 CN "E11.900x001") have
 * longer, partly alphabetic subdivisions.
 */
const CODE_SHAPE = /^[A-Z][0-9]{2}(?:\.[0-9A-Za-z]{1,8})?$/;

/** The chapter (Roman numeral) of an ICD-10 code, or null if it is not a well-formed code of any chapter. */
export function icd10Chapter(code: string): string | null {
  const normalised = code.trim().toUpperCase();
  if (!CODE_SHAPE.test(normalised)) return null;
  const category = normalised.slice(0, 3);
  for (const [chapter, first, last] of CHAPTERS) if (category >= first && category <= last) return chapter;
  return null;
}

export function isValidIcd10(code: string): boolean {
  return icd10Chapter(code) !== null;
}
