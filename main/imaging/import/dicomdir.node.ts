import { parseDataSet } from './parse-dicom.node.ts';

/**
 * The files a DICOMDIR (the index of a CD or USB medium) references, as path components relative
 * to the DICOMDIR's folder (Referenced File ID, 0004,1500, e.g. `IMAGES\IM0001`). Null when the
 * bytes are not a readable DICOMDIR.
 */
export function dicomDirFiles(bytes: Uint8Array): string[][] | null {
  try {
    const dataSet = parseDataSet(bytes);
    const records = dataSet.elements.x00041220?.items;
    if (!records) return null;
    const files: string[][] = [];
    for (const record of records) {
      const id = record.dataSet?.string('x00041500');
      if (!id) continue;
      const parts = id
        .split('\\')
        .map((part) => part.trim())
        .filter((part) => part && part !== '.' && part !== '..');
      if (parts.length > 0) files.push(parts);
    }
    return files;
  } catch {
    return null;
  }
}
