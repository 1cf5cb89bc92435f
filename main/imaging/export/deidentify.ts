/// <reference path="./dcmjs.d.ts" />
import { createHmac } from 'node:crypto';
import dcmjs, { log as dcmjsLog, type DicomJsonDataset } from 'dcmjs';

/**
 * DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile, with the Retain Longitudinal
 * Temporal Information with Modified Dates option: identifying attributes removed or replaced by
 * dummies, dates shifted by a per-patient offset, every instance-identifying UID remapped (the same
 * way for every file of one export, so references between files still hold), private and overlay
 * data removed, and the result marked as de-identified. Images whose pixels carry burned-in text
 * (Burned In Annotation YES) cannot be cleaned here and are refused. So are objects without pixel data
 * (structured reports, key objects, presentation states, encapsulated documents): what identifies the patient
 * there is their content (an SR's Content Sequence of TEXT and PNAME items, a PR's text annotations, a PDF),
 * which the profile can only remove (Content Sequence, 0040,A730, is X), leaving an empty document.
 */

// dcmjs warns on the console about the files it reads; diagnostics go through the app's logger only.
dcmjsLog.setLevel('silent');

/** Removed (X) — and for sequences, removed with their content. */
const REMOVE = new Set([
  '00080014', '00080081', '00080082', '00080092', '00080094', '00080096', '0008009C', '0008009D', '00081010', '00081040', '00081048',
  '00081049', '00081050', '00081052', '00081060', '00081062', '00081070', '00081072', '00081080', '00081084', '00081110', '00081111',
  '00081120', '00081140', '00081195', '00082111', '00082112', '00089123', '00100021', '00100022', '00100024', '00100026', '00100027',
  '00100028', '00100032', '00100033', '00100034', '00100035', '00100050', '00100101', '00100102', '00101000', '00101001', '00101002',
  '00101005', '00101010', '00101020', '00101021', '00101030', '00101040', '00101050', '00101060', '00101080', '00101081', '00101090',
  '00101100', '00102000', '00102110', '00102150', '00102152', '00102154', '00102155', '00102160', '00102180', '001021A0', '001021B0',
  '001021C0', '001021D0', '001021F0', '00102203', '00102297', '00102299', '00104000', '00120062', '00120063', '00120064', '00180010',
  '00181000', '00181002', '00181004', '00181005', '00181007', '00181008', '00181009', '00181010', '00181011', '00181012', '00181030',
  '00181400', '0018700A', '0018700C', '00189424', '0018A002', '0018A003', '00200010', '00204000', '00209158', '00209161', '00209162',
  '00209163', '00209164', '00209166', '00280303', '00321000', '00321001', '00321002', '00321010', '00321011', '00321020', '00321021',
  '00321030', '00321032', '00321033', '00321034', '00321035', '00321040', '00321041', '00321050', '00321051', '00321055', '00321060',
  '00321064', '00321066', '00321067', '00321070', '00324000', '00380004', '00380010', '00380011', '00380014', '00380060', '00380061',
  '00380062', '00380064', '00380300', '00380400', '00380500', '00384000', '00400001', '00400002', '00400003', '00400004', '00400005',
  '00400006', '00400007', '0040000B', '00400010', '00400011', '00400012', '00400241', '00400242', '00400243', '00400244', '00400245',
  '00400250', '00400251', '00400253', '00400254', '00400275', '00400280', '00400310', '00400555', '00401001', '00401002', '00401004',
  '00401005', '00401010', '00401011', '00401101', '00401102', '00401103', '00401104', '00401400', '00402001', '00402008', '00402009',
  '00402010', '00402016', '00402017', '00402400', '00403001', '00404025', '00404027', '00404030', '00404034', '00404035', '00404036',
  '00404037', '0040A027', '0040A078', '0040A07A', '0040A07C', '0040A088', '0040A123', '0040A730', '0040DB0C', '0040DB0D', '00700084',
  '00700086', '04000100', '04000402', '04000403', '04000404', '04000550', '04000561', '20300020', '300E0008', '40000010',
  '40004000', '40080042', '40080100', '40080102', '4008010A', '4008010B', '4008010C', '40080111', '40080114', '40080115', '40080118',
  '40080119', '4008011A', '40080202', '40080300', '40084000', 'FFFAFFFA', 'FFFCFFFC',
]);

/** Emptied (Z) — kept as an empty attribute where the IOD requires its presence. */
const EMPTY = new Set(['00080050', '00080090', '00100030', '00100040', '00200010', '00321032', '00400006', '00402016', '00402017']);

/** UIDs that name a class, syntax or scheme (kept); every other UI value is remapped. */
const KEEP_UIDS = new Set(['00020002', '00020010', '00020012', '00080016', '0008001A', '00080062', '0008010C', '00080117', '00081150', '00041510', '00041512']);

/** Date and date-time attributes shifted together (Retain Longitudinal Temporal Information with Modified Dates). */
const DATE_VRS = new Set(['DA', 'DT']);

export interface DeidentifyKeys {
  /** A secret of this export: UIDs, pseudonyms and date offsets derive from it. */
  secret: Uint8Array;
}

export type DeidentifyOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'burned-in-annotation' | 'non-image' | 'unreadable' };

export function deidentify(file: Uint8Array, keys: DeidentifyKeys): DeidentifyOutcome {
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  let dict;
  try {
    dict = dcmjs.data.DicomMessage.readFile(buffer);
  } catch {
    // dcmjs decodes one character set only; with code extensions (ISO 2022 …) it falls back to the
    // default repertoire. Names and IDs are replaced anyway; other free text may lose its non-ASCII letters.
    try {
      dict = dcmjs.data.DicomMessage.readFile(buffer, { ignoreErrors: true });
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
  }
  const data = dict.dict;
  if (!data['7FE00010'] && !data['7FE00008'] && !data['7FE00009']) return { ok: false, reason: 'non-image' };
  if (String(data['00280301']?.Value?.[0] ?? '').trim().toUpperCase() === 'YES') return { ok: false, reason: 'burned-in-annotation' };

  const originalPatientId = String(data['00100020']?.Value?.[0] ?? '');
  const originalName = personNameText(data['00100010']?.Value?.[0]);
  // One pseudonym and one date offset per patient of the export.
  const patientKey = derive(keys.secret, `patient:${originalPatientId}|${originalName}`);
  const pseudonym = `ANON-${patientKey.subarray(0, 5).toString('hex').toUpperCase()}`;
  const shiftDays = -(1 + (patientKey.readUInt32BE(8) % 3650));

  cleanDataset(data, keys.secret, shiftDays);
  data['00100010'] = { vr: 'PN', Value: [{ Alphabetic: pseudonym }] };
  data['00100020'] = { vr: 'LO', Value: [pseudonym] };
  data['00120062'] = { vr: 'CS', Value: ['YES'] };
  data['00120063'] = { vr: 'LO', Value: ['DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile', 'Retain Longitudinal Temporal Information Modified Dates'] };
  data['00120064'] = {
    vr: 'SQ',
    Value: [
      { '00080100': { vr: 'SH', Value: ['113100'] }, '00080102': { vr: 'SH', Value: ['DCM'] }, '00080104': { vr: 'LO', Value: ['Basic Application Confidentiality Profile'] } },
      { '00080100': { vr: 'SH', Value: ['113107'] }, '00080102': { vr: 'SH', Value: ['DCM'] }, '00080104': { vr: 'LO', Value: ['Retain Longitudinal Temporal Information Modified Dates Option'] } },
    ],
  };
  // dcmjs decoded every string and writes UTF-8.
  data['00080005'] = { vr: 'CS', Value: ['ISO_IR 192'] };

  const meta = dict.meta;
  const sop = data['00080018']?.Value?.[0];
  if (typeof sop === 'string') meta['00020003'] = { vr: 'UI', Value: [sop] };
  // dcmjs writes a deflated data set uncompressed: say so.
  if (meta['00020010']?.Value?.[0] === '1.2.840.10008.1.2.1.99') meta['00020010'] = { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] };
  for (const tag of ['00020013', '00020016', '00020100', '00020102']) delete meta[tag];
  try {
    return { ok: true, bytes: new Uint8Array(dict.write({ fragmentMultiframe: false })) };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

function cleanDataset(data: DicomJsonDataset, secret: Uint8Array, shiftDays: number): void {
  for (const tag of Object.keys(data)) {
    const element = data[tag]!;
    const group = parseInt(tag.slice(0, 4), 16);
    const elementNumber = parseInt(tag.slice(4), 16);
    const isPrivate = group % 2 === 1;
    const isOverlayOrCurve = (group >= 0x5000 && group <= 0x50ff) || ((group >= 0x6000 && group <= 0x60ff) && (elementNumber === 0x3000 || elementNumber === 0x4000));
    if (isPrivate || isOverlayOrCurve || REMOVE.has(tag)) {
      delete data[tag];
      continue;
    }
    // Changed elements are replaced whole: dcmjs would otherwise write the original `_rawValue`.
    if (EMPTY.has(tag) || element.vr === 'PN' || tag === '00100020') {
      data[tag] = { vr: element.vr, Value: [] };
      continue;
    }
    if (element.vr === 'UI' && !KEEP_UIDS.has(tag)) {
      data[tag] = { vr: 'UI', Value: (element.Value ?? []).map((uid) => (typeof uid === 'string' && uid ? remapUid(secret, uid) : uid)) };
      continue;
    }
    if (DATE_VRS.has(element.vr)) {
      data[tag] = { vr: element.vr, Value: (element.Value ?? []).map((value) => (typeof value === 'string' ? shiftDate(value, shiftDays) : value)) };
      continue;
    }
    if (element.vr === 'SQ') for (const item of element.Value ?? []) cleanDataset(item as DicomJsonDataset, secret, shiftDays);
  }
}

function derive(secret: Uint8Array, label: string): Buffer {
  return createHmac('sha256', secret).update(label).digest();
}

/** The same new UID for the same old one within an export: 2.25 form from a keyed hash (unlinkable to the original). */
export function remapUid(secret: Uint8Array, uid: string): string {
  const hash = derive(secret, `uid:${uid}`).subarray(0, 16);
  return `2.25.${BigInt(`0x${hash.toString('hex')}`).toString()}`;
}

/** Shifts a DA (YYYYMMDD) or the date part of a DT by whole days; unparsable values are emptied. */
export function shiftDate(value: string, days: number): string {
  const match = /^(\d{4})(\d{2})(\d{2})(.*)$/.exec(value.trim());
  if (!match) return '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return '';
  date.setUTCDate(date.getUTCDate() + days);
  const shifted = `${date.getUTCFullYear().toString().padStart(4, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
  return shifted + (match[4] ?? '');
}

function personNameText(value: unknown): string {
  if (!value || typeof value !== 'object') return String(value ?? '');
  const name = value as { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
  return [name.Alphabetic ?? '', name.Ideographic ?? '', name.Phonetic ?? ''].join('=');
}
